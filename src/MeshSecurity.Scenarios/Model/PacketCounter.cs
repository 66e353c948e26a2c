namespace MeshSecurity.Scenarios.Model;

/// <summary>Which relayer counter a packets expectation reads (ChannelReply.Info's Sent, Received, Acknowledged, TimedOut).</summary>
public enum PacketCounter
{
    Sent,
    Received,
    Acknowledged,
    TimedOut,
}
