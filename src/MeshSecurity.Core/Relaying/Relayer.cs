using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// One relayer path (both ends of a channel) as a pure state machine, in the executor's style: it is fed the digests of
/// both chains' blocks, in (time, chain, height) order, and answers with what to submit where and not before when. It
/// sets the path up (<see cref="HandshakeStep"/>), relays packets, acknowledgements, timeouts and closes, retries a
/// failed batch message by message, refreshes its light clients before they expire, and clears what is pending from
/// both chains' state after it was down. It has no clock and no timers: everything it submits is caused by a block it
/// observed, and lands at that block's time plus a latency drawn from its model (never below the model's floor, and
/// never at the observed instant), so nothing a block causes is consumed in the same window. Drivers: Core's
/// synchronous Path and the emulator's channel actor, which adds only the fault switches.
/// </summary>
public sealed partial class Relayer
{
    private readonly Dictionary<string, ClientHeader> _headers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Addr> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _trustSeconds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(DeliveryKind, string, ulong), Delivery> _owed = new(DeliveryOrder.Instance);
    private readonly Dictionary<string, List<Delivery>> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _nextRecv = new(StringComparer.Ordinal);
    private readonly HashSet<string> _closedOn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Timestamp> _nextBlockAt = new(StringComparer.Ordinal);
    private long _sent, _received, _acknowledged, _timedOut, _failedTxs, _closed;

    /// <param name="pathId">Names the path in transaction ids and latency draws.</param>
    /// <param name="generation">How many times this relayer restarted: its clearing transactions get new ids.</param>
    public Relayer(string pathId, ChannelSpec spec, int generation = 0)
    {
        PathId = pathId;
        Spec = spec;
        Generation = generation;
    }

    public string PathId { get; }
    public ChannelSpec Spec { get; }
    public int Generation { get; }

    public RelayerCounters Counters => new(_sent, _received, _acknowledged, _timedOut, _failedTxs, _closed);

    /// <summary>Deliveries owed and not yet done (in flight, waiting for a timeout, or to retry).</summary>
    public int Owed => _owed.Count;

    /// <summary>The latest header of <paramref name="chain"/> this relayer observed.</summary>
    public ClientHeader? HeaderOf(string chain) => _headers.GetValueOrDefault(chain);

    /// <summary>
    /// True while something owed can only move on after a block of <paramref name="chain"/>: a transaction in flight to
    /// it, or a receive that waits for it to pass the packet's timeout. A synchronous driver commits such blocks.
    /// </summary>
    public bool AwaitsBlockOn(string chain) =>
        _handshakeTxs.Values.Any(h => h.Chain == chain)
        || _owed.Values.Any(d => d.InFlightTx is not null ? TargetOf(d) == chain : d.Kind == DeliveryKind.Recv && Other(d.Source) == chain);

    /// <summary>
    /// Reads one block of one of the two chains (digests of a chain in height order, of both in time order); a block at or
    /// below the height it last saw of that chain is ignored.
    /// </summary>
    public IReadOnlyList<RelaySubmission> Observe(BlockDigest d)
    {
        if (d.ChainId != Spec.ChainA && d.ChainId != Spec.ChainB)
            throw new ArgumentException($"{PathId}: a block of {d.ChainId}, which this path does not connect", nameof(d));
        // a block seen again (re-sent, or covered by the header it started or cleared from) would owe and count twice
        if (_headers.TryGetValue(d.ChainId, out var seen) && d.Height <= seen.Height) return [];
        _headers[d.ChainId] = d.Header;
        if (d.NextBlockAt is { } next) _nextBlockAt[d.ChainId] = next;
        Tick(d.Instant);
        var outbox = new Outbox(this, d.ChainId, d.Height, d.Instant);
        var retries = new List<Delivery>();
        List<Delivery>? waiting = null;
        foreach (var outcome in d.Outcomes)
        {
            if (_handshakeTxs.ContainsKey(outcome.TxId)) HandshakeProgress(outcome, outbox);
            else if (_inFlight.Remove(outcome.TxId, out var batch)) Settle(outcome, batch, retries, ref waiting);
        }
        if (_ends is not null)
        {
            foreach (var e in d.Events) Apply(d.ChainId, e, outbox);
            TimeOutOn(d.ChainId, d.Header, outbox);
        }
        foreach (var r in retries)
            if (_owed.TryGetValue(r.Key, out var still) && ReferenceEquals(still, r) && r.InFlightTx is null) outbox.Single(r);
        if (waiting is not null)
            foreach (var w in waiting)
                if (_owed.TryGetValue(w.Key, out var still) && ReferenceEquals(still, w) && w.InFlightTx is null) outbox.Add(w);
        Release(outbox);
        RefreshClient(Other(d.ChainId), d.Header, outbox);
        var submitted = outbox.Flush();
        _clearingNow = false;
        return submitted;
    }

    /// <summary>
    /// A transaction of deliveries was in a block: a success settles them, a failure retries each alone once. A header the
    /// chain found too far in its future is no fault of the deliveries: they go again, together, with the headers of the
    /// next block the chain shows (Hermes waits out the drift the same way), as often as it takes.
    /// </summary>
    private void Settle(RelayTxOutcome outcome, List<Delivery> batch, List<Delivery> retries, ref List<Delivery>? waiting)
    {
        if (!outcome.IsSuccess) _failedTxs++;
        var early = outcome.Error?.Contains(IbcError.FromTheFuture, StringComparison.Ordinal) == true;
        foreach (var d in batch)
        {
            if (d.InFlightTx != outcome.TxId || !_owed.TryGetValue(d.Key, out var owed) || !ReferenceEquals(owed, d)) continue;
            d.InFlightTx = null;
            // a success that left no event was a no-op: the work was already done (by a duplicate or another relayer)
            if (outcome.IsSuccess) _owed.Remove(d.Key);
            else if (early) (waiting ??= []).Add(d);
            else if (++d.Attempts < 2) retries.Add(d);
            else if (d.Kind != DeliveryKind.Recv) _owed.Remove(d.Key); // given up; a receive still waits for its timeout
        }
    }

    private void Apply(string chain, PacketEvent e, Outbox outbox)
    {
        var other = Other(chain);
        var p = e.Packet;
        switch (e.Kind)
        {
            case PacketEventKind.Send:
                _sent++;
                if (_owed.ContainsKey((DeliveryKind.Recv, chain, p!.Sequence))) break;
                var recv = Owe(new Delivery(DeliveryKind.Recv, chain, p.Sequence, p, null));
                // a receive that would land past the timeout would only fail: wait for the destination to pass it instead
                // (it lands in the destination's first block at or after both its not-before and the next block it announced)
                var landing = outbox.NotBefore(other);
                if (_nextBlockAt.TryGetValue(other, out var nextThere) && nextThere > landing) landing = nextThere;
                if (!p.Timeout.HasPassed((_headers.GetValueOrDefault(other)?.Height ?? 0) + 1, landing) && !Lost(chain, p))
                    outbox.Add(recv);
                break;
            case PacketEventKind.Receive:
                _received++;
                _owed.Remove((DeliveryKind.Recv, other, p!.Sequence));
                if (p.Sequence + 1 > _nextRecv.GetValueOrDefault(chain, 1UL)) _nextRecv[chain] = p.Sequence + 1;
                break;
            case PacketEventKind.WriteAck:
                outbox.Add(Owe(new Delivery(DeliveryKind.Ack, other, p!.Sequence, p, e.Ack)));
                break;
            case PacketEventKind.Acknowledge:
                _acknowledged++;
                _owed.Remove((DeliveryKind.Ack, chain, p!.Sequence));
                _owed.Remove((DeliveryKind.Recv, chain, p.Sequence));
                break;
            case PacketEventKind.Timeout:
                _timedOut++;
                _lost.Remove((chain, p!.Sequence));
                _owed.Remove((DeliveryKind.Timeout, chain, p!.Sequence));
                _owed.Remove((DeliveryKind.Recv, chain, p.Sequence));
                break;
            case PacketEventKind.ChannelClosed:
                if (!_closedOn.Add(chain)) break;
                _owed.Remove((DeliveryKind.CloseConfirm, other, 0));
                if (_closedOn.Contains(other)) _closed++;
                else outbox.Add(Owe(new Delivery(DeliveryKind.CloseConfirm, chain, 0, null, null)));
                break;
        }
    }

    /// <summary>
    /// Packets to <paramref name="chain"/> that it can no longer receive (timeout passed, or its end closed) are timed out
    /// on their source.
    /// </summary>
    private void TimeOutOn(string chain, ClientHeader header, Outbox outbox)
    {
        var closed = _closedOn.Contains(chain);
        var other = Other(chain);
        List<Delivery>? expired = null;
        foreach (var d in _owed.Values)
            if (d.Kind == DeliveryKind.Recv && d.Source == other && (closed || d.Packet!.Timeout.HasPassed(header.Height, header.Time)))
                (expired ??= []).Add(d);
        if (expired is null) return;
        foreach (var d in expired)
        {
            _owed.Remove(d.Key);
            outbox.Add(Owe(new Delivery(DeliveryKind.Timeout, d.Source, d.Sequence, d.Packet, null)));
        }
    }

    private Delivery Owe(Delivery d)
    {
        _owed[d.Key] = d;
        return d;
    }

    private string TargetOf(Delivery d) => d.Kind is DeliveryKind.Recv or DeliveryKind.CloseConfirm ? Other(d.Source) : d.Source;

    public string Other(string chain) => chain == Spec.ChainA ? Spec.ChainB : Spec.ChainA;

    /// <summary>Kinds in their order in a batch, then source chain, then sequence.</summary>
    private sealed class DeliveryOrder : IComparer<(DeliveryKind Kind, string Source, ulong Sequence)>
    {
        public static readonly DeliveryOrder Instance = new();

        public int Compare((DeliveryKind Kind, string Source, ulong Sequence) x, (DeliveryKind Kind, string Source, ulong Sequence) y)
        {
            // as integers: Enum.CompareTo(object) boxes both kinds, on every comparison of the relayer's sorted owed set
            var c = ((int)x.Kind).CompareTo((int)y.Kind);
            if (c != 0) return c;
            c = string.CompareOrdinal(x.Source, y.Source);
            return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
