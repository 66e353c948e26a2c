using System.Collections.Immutable;
using System.Globalization;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// The IBC module's store on one chain (ICS-002/003/004): light clients, connections, channel ends with their
/// sequences, packet commitments (with the packet itself, so a relayer can rebuild what is pending from the chain
/// alone), receipts, written acknowledgements, and ICS-20 denom traces. Clients, connections, channel ends, the
/// identifier counters, commitments, receipts with their marks, acknowledgements and settled marks are mutable stores
/// that record their writes in the chain's undo log (decision 0014), so an operation on them returns the same record;
/// the denom traces, injected error acks and redundant relay counts (written rarely) are still immutable.
/// Receipts and acknowledgements are pruned as the counterparty settles its packets (IbcState.Pruning.cs), and a light
/// client's consensus states as they leave its trusting period, so the store does not grow with the run's length.
/// The callbacks into the bound contracts are the executor's job; this type only keeps the rules of the store.
/// </summary>
public sealed partial record IbcState(
    UndoMap<string, LightClient> Clients,
    UndoMap<string, ConnectionEnd> Connections,
    UndoMap<(string Port, string Channel), ChannelEnd> Channels,
    UndoMap<PacketKey, IbcPacket> Commitments,
    UndoMap<PacketKey, ulong> Receipts,
    UndoMap<PacketKey, byte[]> Acks,
    ImmutableSortedDictionary<string, string> DenomTraces,
    ulong NextClientSeq,
    ulong NextConnectionSeq,
    ulong NextChannelSeq)
{
    // declared before Empty, which uses it (static fields initialise in order)
    private static readonly IComparer<(string Port, string Channel)> ChannelOrder = Comparer<(string Port, string Channel)>.Create((a, b) =>
        string.CompareOrdinal(a.Port, b.Port) is var c and not 0 ? c : string.CompareOrdinal(a.Channel, b.Channel));

    /// <summary>The next client, connection and channel numbers: written together as one value.</summary>
    private readonly record struct Sequences(ulong Client, ulong Connection, ulong Channel);

    private UndoCell<Sequences> _sequences = new(new(NextClientSeq, NextConnectionSeq, NextChannelSeq));

    public ulong NextClientSeq => _sequences.Value.Client;

    public ulong NextConnectionSeq => _sequences.Value.Connection;

    public ulong NextChannelSeq => _sequences.Value.Channel;

    /// <summary>A new empty store, in no chain yet (its chain's state binds it to the chain's undo log).</summary>
    public static IbcState Empty => new(
        new UndoMap<string, LightClient>(StringComparer.Ordinal),
        new UndoMap<string, ConnectionEnd>(StringComparer.Ordinal),
        new UndoMap<(string Port, string Channel), ChannelEnd>(ChannelOrder),
        new UndoMap<PacketKey, IbcPacket>(PacketKey.Comparer),
        new UndoMap<PacketKey, ulong>(PacketKey.Comparer),
        new UndoMap<PacketKey, byte[]>(PacketKey.Comparer),
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal),
        0, 0, 0);

    /// <summary>Makes the mutable stores (see the type's summary) and the index of the clients' ends stores of a chain's log.</summary>
    public void BindTo(UndoLog log)
    {
        Clients.BindTo(log);
        Connections.BindTo(log);
        _sequences.BindTo(log);
        SettledMarks.BindTo(log);
        _endsByClient.BindTo(log);
        Channels.BindTo(log);
        Commitments.BindTo(log);
        Receipts.BindTo(log);
        Acks.BindTo(log);
        ReceiptMarks.BindTo(log);
    }

    /// <summary>
    /// A copy as the chain last committed it, in no chain (docs/decisions/0014-mutable-stores-with-an-undo-log.md): what a
    /// reader outside the chain's turn gets. The immutable parts are this record's: take it from the committed state.
    /// </summary>
    public IbcState CommittedCopy()
    {
        var copy = this with
        {
            Clients = Clients.DetachedCommittedCopy(),
            Connections = Connections.DetachedCommittedCopy(),
            Channels = Channels.DetachedCommittedCopy(),
            Commitments = Commitments.DetachedCommittedCopy(),
            Receipts = Receipts.DetachedCommittedCopy(),
            Acks = Acks.DetachedCommittedCopy(),
            ReceiptMarks = ReceiptMarks.DetachedCommittedCopy(),
            SettledMarks = SettledMarks.DetachedCommittedCopy(),
        };
        copy._sequences = _sequences.DetachedCommittedCopy();
        copy._endsByClient = new(new ClientChannelEnds());
        return copy;
    }

    // the channel ends of each client, for settling: an index of the routing (see its type), replaced by a new one on the
    // log when the routing changes, so a rollback of the change brings back the index of the routing it restores
    private UndoCell<ClientChannelEnds> _endsByClient = new(new ClientChannelEnds());

    internal ClientChannelEnds EndsByClient => _endsByClient.Value;

    /// <summary>A handshake changed the routing (a connection, a channel end or its counterparty): a new index.</summary>
    private void NewRouting() => _endsByClient.Set(new ClientChannelEnds());

    // a (port, channel) pair rather than "port/channel": every packet looks its channel up, and the concatenation of a
    // contract's long port id was a string per lookup
    private static (string, string) ChannelKey(string port, string channel) => (port, channel);

    public ChannelEnd? Channel(string port, string channel) => Channels.TryGetValue(ChannelKey(port, channel), out var end) ? end : null;

    public ChannelEnd RequireChannel(string port, string channel) =>
        Channel(port, channel) ?? throw new IbcError.ChannelNotFound(port, channel).Raise();

    public ConnectionEnd RequireConnection(string id) =>
        Connections.GetValueOrDefault(id) ?? throw new IbcError.ConnectionNotFound(id).Raise();

    public LightClient RequireClient(string id) =>
        Clients.GetValueOrDefault(id) ?? throw new IbcError.ClientNotFound(id).Raise();

    public LightClient ClientOfConnection(string connectionId) => RequireClient(RequireConnection(connectionId).ClientId);

    /// <summary>
    /// Fault injection (governance's <see cref="Wasm.CosmosMsg.GovInjectErrorAcks"/>): "port/channel/kind" of the packets
    /// this chain answers with an error acknowledgement without handing them to the application. Empty on a healthy chain.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ImmutableSortedSet<string> InjectedErrorAcks { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary><see cref="InjectedErrorAcks"/> as stored: left out while empty, so snapshots keep their earlier bytes.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("injected_error_acks")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableSortedSet<string>? StoredInjectedErrorAcks
    {
        get => InjectedErrorAcks.IsEmpty ? null : InjectedErrorAcks;
        init => InjectedErrorAcks = value ?? InjectedErrorAcks;
    }

    /// <summary>
    /// Redundant relays this chain answered, by "port/channel" of its end (<see cref="RedundantRelayCount"/>): counted by the
    /// executor, read by the report; no rule depends on them. Empty until a delivery comes twice.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ImmutableSortedDictionary<string, RedundantRelayCount> RedundantRelays { get; init; } =
        ImmutableSortedDictionary.Create<string, RedundantRelayCount>(StringComparer.Ordinal);

    /// <summary><see cref="RedundantRelays"/> as stored: left out while empty, so snapshots keep their earlier bytes.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("redundant_relays")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableSortedDictionary<string, RedundantRelayCount>? StoredRedundantRelays
    {
        get => RedundantRelays.IsEmpty ? null : RedundantRelays;
        init => RedundantRelays = value?.WithComparers(StringComparer.Ordinal) ?? RedundantRelays;
    }

    /// <summary>One more redundant relay of <paramref name="kind"/> answered at <paramref name="end"/>.</summary>
    public IbcState CountRedundant(IbcEndpoint end, Relaying.DeliveryKind kind)
    {
        var key = $"{end.PortId}/{end.ChannelId}";
        var c = RedundantRelays.GetValueOrDefault(key) ?? new RedundantRelayCount();
        c = kind switch
        {
            Relaying.DeliveryKind.Recv => c with { Receives = c.Receives + 1 },
            Relaying.DeliveryKind.Ack => c with { Acks = c.Acks + 1 },
            _ => c with { Timeouts = c.Timeouts + 1 },
        };
        return this with { RedundantRelays = RedundantRelays.SetItem(key, c) };
    }

    public static string ErrorAckKey(IbcEndpoint end, string kind) => $"{end.PortId}/{end.ChannelId}/{kind}";

    /// <summary>True when a packet arriving at <paramref name="end"/> with <paramref name="data"/> gets an injected error ack.</summary>
    public bool InjectsErrorAck(IbcEndpoint end, byte[] data) =>
        !InjectedErrorAcks.IsEmpty && Relaying.PacketKinds.Of(data) is { } kind && InjectedErrorAcks.Contains(ErrorAckKey(end, kind));

    /// <summary>
    /// Writes a channel end in place (a store on the chain's log, decision 0014): a send, an ordered receive or ack moves a
    /// sequence, and a record and tree path per packet was what that cost. Returns this record, or a copy with a new
    /// index of the clients' ends (on the log) when the end is new or its counterparty changed (a handshake).
    /// </summary>
    public IbcState SetChannel(ChannelEnd end)
    {
        var had = Channels.Set(ChannelKey(end.Endpoint.PortId, end.Endpoint.ChannelId), end, out var old);
        if (!had || old.ConnectionId != end.ConnectionId || !old.Counterparty.Equals(end.Counterparty)) NewRouting();
        return this;
    }

    // ---- clients (ICS-002) ----

    public (IbcState State, string ClientId) CreateClient(
        ClientHeader header, ulong trustingPeriodSeconds, ulong? maxClockDriftSeconds = null)
    {
        var id = "07-tendermint-" + NextClientSeq.ToString(CultureInfo.InvariantCulture);
        var client = new LightClient(id, header.ChainId, header.Height, header.Time,
            ConsensusStates.Empty.SetItem(header.Height, header.Time), header.ValidatorKeys, trustingPeriodSeconds)
        {
            MaxClockDriftSeconds = maxClockDriftSeconds,
        };
        Clients.Set(id, client);
        _sequences.Set(_sequences.Value with { Client = NextClientSeq + 1 });
        return (this, id);
    }

    /// <summary>
    /// Accepts a newer header of the counterparty; an older or equal height is a no-op (another relayer was first). Unless
    /// <paramref name="keepHistory"/>, expired consensus states go and the header's settled marks are applied.
    /// </summary>
    public IbcState UpdateClient(string clientId, ClientHeader header, Timestamp now, bool keepHistory = false)
    {
        var c = RequireClient(clientId);
        if (c.Frozen) throw new IbcError.ClientFrozen(clientId).Raise();
        if (header.ChainId != c.CounterpartyChainId) throw new IbcError.InvalidHeader($"chain id {header.ChainId}, expected {c.CounterpartyChainId}").Raise();
        if (header.Height <= c.LatestHeight) return this;
        if (header.Time < c.LatestTime) throw new IbcError.InvalidHeader("time moves backwards").Raise();
        if (c.LatestTime.PlusSeconds(c.TrustingPeriodSeconds) < now)
            throw new IbcError.InvalidHeader($"client {clientId} expired: trusting period passed").Raise();
        // a counterparty whose clock runs ahead of this chain's (or this one's behind) by more than the drift waits
        if (c.MaxClockDriftSeconds is { } drift && header.Time >= now.PlusSeconds(drift))
            throw new IbcError.HeaderFromFuture(header.Time, now, drift).Raise();
        var updated = c with
        {
            LatestHeight = header.Height,
            LatestTime = header.Time,
            ConsensusStates = keepHistory
                ? c.ConsensusStates.SetItem(header.Height, header.Time)
                : WithoutOldestExpired(c.ConsensusStates.SetItem(header.Height, header.Time), c.TrustingPeriodSeconds, now),
            // keys are kept for every validator ever seen, so evidence against one that has since left the set
            // (jailed or tombstoned by its own chain) can still be verified
            ValidatorKeys = WithKeys(c.ValidatorKeys, header.ValidatorKeys),
        };
        Clients.Set(clientId, updated);
        return keepHistory ? this : Settle(clientId, header);
    }

    /// <summary>
    /// The known keys with those of a header: only a new validator or a changed key is written. Every header carries the
    /// whole set in new arrays, which SetItems would have written node by node on every update although the bytes repeat.
    /// </summary>
    private static ImmutableSortedDictionary<string, byte[]> WithKeys(
        ImmutableSortedDictionary<string, byte[]> known, ImmutableSortedDictionary<string, byte[]> seen)
    {
        if (KnowsAll(known, seen)) return known;
        foreach (var (validator, key) in seen)
            if (!known.TryGetValue(validator, out var had) || (!ReferenceEquals(had, key) && !had.AsSpan().SequenceEqual(key)))
                known = known.SetItem(validator, key);
        return known;
    }

    /// <summary>
    /// True when every key of <paramref name="seen"/> is in <paramref name="known"/> as it is: the usual update (a set that
    /// did not change), checked by walking both sorted maps side by side, a compare or two per validator, instead of a
    /// tree look-up per validator (docs/bench.md, figure e, session 22). False when unsure (maps not in ordinal order).
    /// </summary>
    private static bool KnowsAll(ImmutableSortedDictionary<string, byte[]> known, ImmutableSortedDictionary<string, byte[]> seen)
    {
        if (ReferenceEquals(known, seen)) return true;
        if (known.KeyComparer != StringComparer.Ordinal || seen.KeyComparer != StringComparer.Ordinal) return false;
        var k = known.GetEnumerator();
        try
        {
            foreach (var (validator, key) in seen)
            {
                int order;
                do
                {
                    if (!k.MoveNext()) return false;
                    order = string.CompareOrdinal(k.Current.Key, validator);
                }
                while (order < 0);
                if (order > 0) return false;
                var had = k.Current.Value;
                if (!ReferenceEquals(had, key) && !had.AsSpan().SequenceEqual(key)) return false;
            }
            return true;
        }
        finally
        {
            k.Dispose();
        }
    }

    /// <summary>Freezes the client (a fault's expiry): nothing is relayed through it until <see cref="RecoverClient"/>.</summary>
    public IbcState FreezeClient(string clientId)
    {
        Clients.Set(clientId, RequireClient(clientId) with { Frozen = true });
        return this;
    }

    /// <summary>
    /// Governance's client recovery (ibc-go's MsgRecoverClient, which substitutes an active client's state): the frozen
    /// client trusts <paramref name="header"/>, a header of its counterparty at or after its latest, and is active again.
    /// </summary>
    public IbcState RecoverClient(string clientId, ClientHeader header)
    {
        var c = RequireClient(clientId);
        if (header.ChainId != c.CounterpartyChainId)
            throw new IbcError.InvalidHeader($"chain id {header.ChainId}, expected {c.CounterpartyChainId}").Raise();
        if (header.Height < c.LatestHeight)
            throw new IbcError.InvalidHeader($"height {header.Height} is below the client's {c.LatestHeight}").Raise();
        var recovered = c with
        {
            Frozen = false,
            LatestHeight = header.Height,
            LatestTime = header.Time,
            ConsensusStates = c.ConsensusStates.SetItem(header.Height, header.Time),
            ValidatorKeys = c.ValidatorKeys.SetItems(header.ValidatorKeys),
        };
        Clients.Set(clientId, recovered);
        return this;
    }

    /// <summary>The counterparty's time at a height the client has accepted; the proof of a timeout is read there.</summary>
    public Timestamp ConsensusTime(string clientId, ulong height) =>
        RequireClient(clientId).ConsensusStates.TryGetValue(height, out var t)
            ? t
            : throw new IbcError.ProofHeightNotTrusted(height, RequireClient(clientId).LatestHeight).Raise();

    // ---- connections (ICS-003) ----

    public (IbcState State, string ConnectionId) OpenConnection(string clientId, string counterpartyClientId, string? counterpartyConnectionId, ConnectionState state)
    {
        RequireClient(clientId);
        var id = "connection-" + NextConnectionSeq.ToString(CultureInfo.InvariantCulture);
        var end = new ConnectionEnd(id, state, clientId, counterpartyClientId, counterpartyConnectionId);
        Connections.Set(id, end);
        _sequences.Set(_sequences.Value with { Connection = NextConnectionSeq + 1 });
        NewRouting();
        return (this, id);
    }

    public IbcState AdvanceConnection(string connectionId, ConnectionState from, string? counterpartyConnectionId)
    {
        var c = RequireConnection(connectionId);
        if (c.State != from) throw new IbcError.InvalidConnectionState(connectionId, from.ToString(), c.State.ToString()).Raise();
        var next = c with { State = ConnectionState.Open, CounterpartyConnectionId = counterpartyConnectionId ?? c.CounterpartyConnectionId };
        Connections.Set(connectionId, next);
        return this;
    }

    // ---- channels (ICS-004) ----

    public (IbcState State, ChannelEnd End) NewChannel(string port, string connectionId, IbcEndpoint counterparty, IbcOrder order, string version, ChannelState state)
    {
        var conn = RequireConnection(connectionId);
        if (conn.State != ConnectionState.Open) throw new IbcError.InvalidConnectionState(connectionId, "Open", conn.State.ToString()).Raise();
        var id = "channel-" + NextChannelSeq.ToString(CultureInfo.InvariantCulture);
        var end = new ChannelEnd(new IbcEndpoint(port, id), state, order, counterparty, connectionId, version, 1, 1, 1);
        _sequences.Set(_sequences.Value with { Channel = NextChannelSeq + 1 });
        return (SetChannel(end), end);
    }

    // ---- packets ----

    /// <summary>ICS-004 send: the channel must be open and the timeout not already passed on the counterparty as the client knows it.</summary>
    public (IbcState State, IbcPacket Packet) SendPacket(
        string port, string channel, byte[] data, IbcTimeout timeout, object? decoded = null)
    {
        var end = RequireChannel(port, channel);
        if (end.State != ChannelState.Open) throw new IbcError.InvalidChannelState(port, channel, "Open", end.State.ToString()).Raise();
        if (!timeout.IsSet) throw new IbcError.InvalidPacket("a timeout height or timestamp is required").Raise();
        var client = ClientOfConnection(end.ConnectionId);
        if (timeout.HasPassed(client.LatestHeight, client.LatestTime))
            throw new IbcError.InvalidPacket($"timeout already passed on {client.CounterpartyChainId} (height {client.LatestHeight}, time {client.LatestTime})").Raise();
        var packet = new IbcPacket(end.Endpoint, end.Counterparty, end.NextSequenceSend, data, timeout) { Decoded = decoded };
        var key = new PacketKey(port, channel, packet.Sequence);
        var s = SetChannel(end with { NextSequenceSend = end.NextSequenceSend + 1 });
        s.Commitments.Set(key, packet);
        return (s, packet);
    }

    /// <summary>Packets this chain sent on a channel that are neither acknowledged nor timed out, by sequence.</summary>
    public IEnumerable<IbcPacket> PendingPackets(string port, string channel) =>
        Commitments.Where(kv => kv.Key.PortId == port && kv.Key.ChannelId == channel).Select(kv => kv.Value);


    public byte[]? Acknowledgement(string port, string channel, ulong sequence) => Acks.GetValueOrDefault(new PacketKey(port, channel, sequence));
}
