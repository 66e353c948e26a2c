namespace MeshSecurity.Core.Ibc;

/// <summary>One end of a connection: the light client it trusts and the counterparty's client and connection.</summary>
public sealed record ConnectionEnd(
    string ConnectionId,
    ConnectionState State,
    string ClientId,
    string CounterpartyClientId,
    string? CounterpartyConnectionId);
