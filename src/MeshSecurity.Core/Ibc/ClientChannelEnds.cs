namespace MeshSecurity.Core.Ibc;

/// <summary>
/// The channel ends on each light client's connections, as a client update's settling needs them: listed once per
/// client instead of walking every channel end with a connection look-up and a "port/channel" string on every update
/// (docs/bench.md, figure e, session 22).
/// </summary>
/// <remarks>
/// Contract: one index belongs to one routing of an <see cref="IbcState"/>, the ends' connections and counterparties.
/// Those change only in a handshake (a new connection or channel end, a counterparty channel id learnt), and the state
/// then takes a new, empty index (<see cref="IbcState.SetChannel"/>) in a cell on the chain's undo log; a rollback of
/// the handshake restores the index of the routing it brings back. An index is filled lazily from its state's stores,
/// in its chain's turn; a copy for a reader elsewhere takes a new one. It is derived data, not part of the state's
/// value, so any two are equal.
/// </remarks>
internal sealed class ClientChannelEnds
{
    /// <summary>A channel end on a client's connection, with its counterparty's key in a header's settled marks.</summary>
    internal readonly record struct End((string Port, string Channel) At, string CounterpartyKey, IbcOrder Order);

    private readonly Dictionary<string, End[]> _byClient = new(StringComparer.Ordinal);

    /// <summary>The ends on <paramref name="clientId"/>'s connections whose counterparty is known, in the ends' order.</summary>
    public End[] Of(string clientId, IbcState ibc)
    {
        if (_byClient.TryGetValue(clientId, out var ends)) return ends;
        var list = new List<End>();
        foreach (var (at, end) in ibc.Channels)
        {
            if (end.Counterparty.ChannelId.Length == 0 || ibc.Connections.GetValueOrDefault(end.ConnectionId)?.ClientId != clientId)
                continue;
            list.Add(new End(at, IbcState.SettledKey(end.Counterparty.PortId, end.Counterparty.ChannelId), end.Order));
        }
        return _byClient[clientId] = [.. list];
    }

    public override bool Equals(object? obj) => obj is ClientChannelEnds;

    public override int GetHashCode() => 0;
}
