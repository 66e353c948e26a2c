namespace MeshSecurity.Core.Ibc;

/// <summary>One end of a channel: a port and a channel id on one chain.</summary>
public sealed record IbcEndpoint(string PortId, string ChannelId)
{
    public override string ToString() => $"{PortId}/{ChannelId}";
}
