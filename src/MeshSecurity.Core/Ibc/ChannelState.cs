namespace MeshSecurity.Core.Ibc;

/// <summary>A channel end's state in the ICS-004 handshake.</summary>
public enum ChannelState
{
    Init,
    TryOpen,
    Open,
    Closed,
}
