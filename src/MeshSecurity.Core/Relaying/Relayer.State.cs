
namespace MeshSecurity.Core.Relaying;

public sealed partial class Relayer
{
    /// <summary>Everything this relayer holds, for a network checkpoint; <see cref="FromState"/> rebuilds it.</summary>
    public RelayerState ToState()
    {
        var deliveries = new List<Delivery>();
        var index = new Dictionary<Delivery, int>(ReferenceEqualityComparer.Instance);
        int IndexOf(Delivery d)
        {
            if (index.TryGetValue(d, out var i)) return i;
            deliveries.Add(d);
            return index[d] = deliveries.Count - 1;
        }
        var owed = _owed.Values.Select(IndexOf).ToList();
        var inFlight = _inFlight.Select(kv => new RelayerState.InFlightBatch(kv.Key, [.. kv.Value.Select(IndexOf)])).ToList();
        return new RelayerState(PathId, Spec, Generation, Copy(_headers), Copy(_accounts), Copy(_trustSeconds),
            [.. deliveries.Select(d => new RelayerState.OwedDelivery(d.Kind, d.Source, d.Sequence, d.Packet, d.Ack, d.InFlightTx,
                d.Attempts, d.Held))],
            owed, inFlight, Copy(_nextRecv), [.. _closedOn.Order(StringComparer.Ordinal)], Copy(_nextBlockAt), Counters, _clearings,
            [.. _lost.Select(l => new RelayerState.LostPacket(l.Source, l.Sequence))], LostCount, _faults, _starvedOne, _clearedPeriod,
            _clearingNow, _mayHold, [.. _handshakeTxs.Select(kv => new RelayerState.HandshakeTx(kv.Key, kv.Value.Step, kv.Value.Chain))],
            [_clientA, _clientB, _connA, _connB, _chanA, _chanB], _ends, _channelWanted, Step, RefusedStep, RefusedError, RefusedTxId,
            Copy(_lastLanding), Copy(_lastClientUpdate));
    }

    /// <summary>
    /// The relayer <paramref name="s"/> was taken of, in the same state (a delivery shared by the owed set and a batch stays one).
    /// </summary>
    public static Relayer FromState(RelayerState s)
    {
        var r = new Relayer(s.PathId, s.Spec, s.Generation);
        var deliveries = s.Deliveries.Select(d => new Delivery(d.Kind, d.Source, d.Sequence, d.Packet, d.Ack)
        {
            InFlightTx = d.InFlightTx,
            Attempts = d.Attempts,
            Held = d.Held,
        }).ToList();
        Fill(r._headers, s.Headers);
        Fill(r._accounts, s.Accounts);
        Fill(r._trustSeconds, s.TrustSeconds);
        foreach (var i in s.Owed) r._owed[deliveries[i].Key] = deliveries[i];
        foreach (var b in s.InFlight) r._inFlight[b.TxId] = [.. b.Deliveries.Select(i => deliveries[i])];
        Fill(r._nextRecv, s.NextRecv);
        r._closedOn.UnionWith(s.ClosedOn);
        Fill(r._nextBlockAt, s.NextBlockAt);
        var c = s.Counters;
        (r._sent, r._received, r._acknowledged, r._timedOut, r._failedTxs, r._closed) =
            (c.Sent, c.Received, c.Acknowledged, c.TimedOut, c.FailedTxs, c.Closed);
        r._clearings = s.Clearings;
        foreach (var l in s.Lost) r._lost.Add((l.Source, l.Sequence));
        r.LostCount = s.LostCount;
        // the field, not the property: the property's setter resets the starve and clearing marks restored next
        r._faults = s.Faults;
        (r._starvedOne, r._clearedPeriod, r._clearingNow, r._mayHold) = (s.StarvedOne, s.ClearedPeriod, s.ClearingNow, s.MayHold);
        foreach (var h in s.HandshakeTxs) r._handshakeTxs[h.TxId] = (h.Step, h.Chain);
        if (s.Ids.Count != 6) throw new ArgumentException($"{s.PathId}: a relayer state with {s.Ids.Count} identifiers, not 6", nameof(s));
        (r._clientA, r._clientB, r._connA, r._connB, r._chanA, r._chanB) = (s.Ids[0], s.Ids[1], s.Ids[2], s.Ids[3], s.Ids[4], s.Ids[5]);
        (r._ends, r._channelWanted, r.Step) = (s.Ends, s.ChannelWanted, s.Step);
        (r.RefusedStep, r.RefusedError, r.RefusedTxId) = (s.RefusedStep, s.RefusedError, s.RefusedTxId);
        Fill(r._lastLanding, s.LastLanding);
        Fill(r._lastClientUpdate, s.LastClientUpdate);
        return r;
    }

    private static Dictionary<string, T> Copy<T>(Dictionary<string, T> d) => new(d, StringComparer.Ordinal);

    private static void Fill<T>(Dictionary<string, T> into, IReadOnlyDictionary<string, T> from)
    {
        foreach (var (k, v) in from) into[k] = v;
    }
}
