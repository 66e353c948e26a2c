namespace MeshSecurity.Core.Ibc;

/// <summary>A connection end's state in the ICS-003 handshake.</summary>
public enum ConnectionState
{
    Init,
    TryOpen,
    Open,
}
