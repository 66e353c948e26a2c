using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// A connection's handshake events: <c>connection_open_init</c> and <c>connection_open_try</c> (the connection, its
/// client), <c>connection_open_ack</c> and <c>connection_open_confirm</c> (the connection alone).
/// </summary>
internal sealed class ConnectionFields(string connectionId, string? clientId) : EventFields
{
    public static Event Event(string type, string connectionId, string? clientId = null) =>
        new(type, new ConnectionFields(connectionId, clientId));

    public override int Count => clientId is null ? 1 : 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new("connection_id", connectionId),
        1 when clientId is not null => new("client_id", clientId),
        _ => throw Beyond(index, Count),
    };
}
