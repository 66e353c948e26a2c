namespace MeshSecurity.Core.Relaying;

/// <summary>What happened to a packet (or to the channel end) on the chain that wrote the event.</summary>
public enum PacketEventKind
{
    Send,
    Receive,
    WriteAck,
    Acknowledge,
    Timeout,

    /// <summary>The channel end on this chain is closed (closed by the chain, close init, or close confirm).</summary>
    ChannelClosed,
}
