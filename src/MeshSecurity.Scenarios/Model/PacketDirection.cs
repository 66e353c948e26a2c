namespace MeshSecurity.Scenarios.Model;

/// <summary>Which way a packet travels on a link's channel: from the provider chain to the consumer chain, or back.</summary>
public enum PacketDirection
{
    ToConsumer,
    ToProvider,
}
