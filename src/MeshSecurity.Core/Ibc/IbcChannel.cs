namespace MeshSecurity.Core.Ibc;

/// <summary>What a contract sees of a channel in the handshake and close callbacks.</summary>
public sealed record IbcChannel(
    IbcEndpoint Endpoint,
    IbcEndpoint CounterpartyEndpoint,
    IbcOrder Order,
    string Version,
    string ConnectionId);
