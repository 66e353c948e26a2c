using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Relaying;

public sealed partial class Relayer
{
    private int _clearings;

    /// <summary>
    /// Forgets what it thought was owed and rebuilds it from both ends' committed state, as a relayer clearing packets
    /// does after it was down: commitments the destination received are acknowledged (when it wrote an ack), the others
    /// received, or timed out where the destination passed their timeout or closed; a close is confirmed. Everything
    /// goes out at once, to land after <paramref name="now"/>.
    /// </summary>
    public IReadOnlyList<RelaySubmission> Clear(EndSnapshot a, EndSnapshot b, Timestamp now)
    {
        if (_ends is null) return [];
        _owed.Clear();
        _inFlight.Clear();
        _closedOn.Clear();
        _headers[Spec.ChainA] = a.Header;
        _headers[Spec.ChainB] = b.Header;
        var outbox = new Outbox(this, $"clear{Generation}.{++_clearings}", 0, now);
        var snaps = new Dictionary<string, EndSnapshot>(StringComparer.Ordinal) { [Spec.ChainA] = a, [Spec.ChainB] = b };
        foreach (var (chain, snap) in snaps)
            if (snap.End is { State: ChannelState.Closed }) _closedOn.Add(chain);
        foreach (var (src, dst) in new[] { (Spec.ChainA, Spec.ChainB), (Spec.ChainB, Spec.ChainA) })
        {
            var (from, to) = (snaps[src], snaps[dst]);
            if (to.End is not { } dstEnd) continue;
            _nextRecv[dst] = dstEnd.NextSequenceRecv;
            if (_closedOn.Contains(src) && dstEnd.State == ChannelState.Open)
                outbox.Add(Owe(new Delivery(DeliveryKind.CloseConfirm, src, 0, null, null)));
            foreach (var p in from.Pending)
            {
                if (to.HasReceived(p))
                {
                    if (to.Acks.TryGetValue(p.Sequence, out var ack))
                        outbox.Add(Owe(new Delivery(DeliveryKind.Ack, src, p.Sequence, p, ack)));
                }
                else if (dstEnd.State == ChannelState.Closed || p.Timeout.HasPassed(to.Header.Height, to.Header.Time))
                {
                    outbox.Add(Owe(new Delivery(DeliveryKind.Timeout, src, p.Sequence, p, null)));
                }
                else
                {
                    var recv = Owe(new Delivery(DeliveryKind.Recv, src, p.Sequence, p, null));
                    if (!p.Timeout.HasPassed(to.Header.Height + 1, outbox.NotBefore(dst)) && !Lost(src, p)) outbox.Add(recv);
                }
            }
        }
        return outbox.Flush();
    }

    /// <summary>
    /// True when reading <paramref name="d"/> can make this relayer submit something: it has events or outcomes of the
    /// relayer's transactions, the light client on the other chain is due for a refresh, or a receive waits for this
    /// chain to pass its timeout (or close). Otherwise the digest only moves a header, and a driver may read it later,
    /// still in order, with the next digest that matters: nothing it submits changes.
    /// </summary>
    public bool Matters(BlockDigest d)
    {
        if (!d.Events.IsEmpty || !d.Outcomes.IsEmpty) return true;
        if (Releases(d.Header.Time)) return true;
        var target = Other(d.ChainId);
        if (ClientOn(target).Length > 0 && _lastClientUpdate.TryGetValue(target, out var last)
            && d.Header.Time >= last.PlusSeconds(System.Math.Max(1UL, TrustSeconds(d.ChainId) / 3))) return true;
        var closed = _closedOn.Contains(d.ChainId);
        foreach (var o in _owed.Values)
            if (o.Kind == DeliveryKind.Recv && o.Source == target
                && (closed || o.Packet!.Timeout.HasPassed(d.Header.Height, d.Header.Time)))
                return true;
        return false;
    }

    /// <summary>Keeps the light client on <paramref name="target"/> fresh: updated at least every third of its trusting period.</summary>
    private void RefreshClient(string target, ClientHeader header, Outbox outbox)
    {
        if (ClientOn(target).Length == 0 || !_lastClientUpdate.TryGetValue(target, out var last)) return;
        var refreshSeconds = System.Math.Max(1UL, TrustSeconds(Other(target)) / 3);
        if (header.Time >= last.PlusSeconds(refreshSeconds)) outbox.Refresh(target);
    }
}
