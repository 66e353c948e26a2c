namespace MeshSecurity.Core.Relaying;

public sealed partial class Relayer
{
    private readonly HashSet<(string Source, ulong Sequence)> _lost = [];

    /// <summary>
    /// The fault switches (<see cref="RelayFaults"/>). Lag is only ever added on top of the link's latency, so no draw goes
    /// below its floor (the time keeper's lookahead). Each packet is drawn once for loss, from the seed, the path and its
    /// sequence: a packet withheld (lost, censored or starved) stays so when the relayer clears after a pause (a restarted relayer
    /// forgets, and delivers it if it has not timed out), and times out on its source.
    /// </summary>
    public RelayFaults Faults
    {
        get => _faults;
        set
        {
            // a new starve takes its own packet; the one an earlier starve took stays withheld until it times out
            if (value.Starve != _faults.Starve) _starvedOne = false;
            if ((value.ClearIntervalNanos, value.ClearFromNanos) != (_faults.ClearIntervalNanos, _faults.ClearFromNanos))
                _clearedPeriod = 0;
            _faults = value;
        }
    }

    private RelayFaults _faults = RelayFaults.None;
    private bool _starvedOne;
    private ulong _clearedPeriod;
    private bool _clearingNow;

    /// <summary>Packets withheld so far, lost, censored or starved (each counted once).</summary>
    public long LostCount { get; private set; }

    private ulong LagNanos => Faults.LagNanos;

    private int BatchSize => Faults.BatchSize ?? Spec.BatchSize;

    /// <summary>
    /// True while deliveries to <paramref name="target"/> are held back: it is paused (relayer.pause), or the relayer only
    /// clears every so often (relayer.clear-interval) and this block is not one it clears at.
    /// </summary>
    private bool Holds(string target) => Faults.Pauses(target) || (Faults.ClearIntervalNanos > 0 && !_clearingNow);

    /// <summary>
    /// True when something held back may go at a block at <paramref name="time"/>: a fault that held it ended, or a clearing
    /// is due. A driver must then relay at that block.
    /// </summary>
    private bool Releases(Types.Timestamp time) =>
        _mayHold && _owed.Values.Any(d => d.Held && (!Holds(TargetOf(d)) || (ClearsAt(time) && !Faults.Pauses(TargetOf(d)))));

    /// <summary>True when a block at <paramref name="time"/> is one the relayer clears at (relayer.clear-interval).</summary>
    private bool ClearsAt(Types.Timestamp time) => Faults.ClearIntervalNanos > 0 && Period(time) > _clearedPeriod;

    /// <summary>How many of the fault's intervals ended by <paramref name="time"/>.</summary>
    private ulong Period(Types.Timestamp time) =>
        time.Nanos > Faults.ClearFromNanos ? (time.Nanos - Faults.ClearFromNanos) / Faults.ClearIntervalNanos : 0;

    /// <summary>
    /// Under relayer.clear-interval, whether the block at <paramref name="time"/> clears: the first block at or after the end
    /// of an interval that has not cleared yet (blocks are read in time order).
    /// </summary>
    private void Tick(Types.Timestamp time)
    {
        _clearingNow = ClearsAt(time);
        if (_clearingNow) _clearedPeriod = Period(time);
    }

    /// <summary>
    /// Submits what a fault held back and no longer holds, in one batch per chain as a clearing does; a receive that would
    /// now land past its timeout is not sent: it waits for the destination to pass it and becomes a timeout.
    /// </summary>
    private void Release(Outbox outbox)
    {
        if (!_mayHold) return;
        var stillHeld = false;
        foreach (var d in _owed.Values)
        {
            if (!d.Held) continue;
            if (Holds(TargetOf(d)))
            {
                stillHeld = true;
                continue;
            }
            d.Held = false;
            var target = TargetOf(d);
            if (d.Kind == DeliveryKind.Recv
                && d.Packet!.Timeout.HasPassed((_headers.GetValueOrDefault(target)?.Height ?? 0) + 1, outbox.NotBefore(target)))
                continue;
            outbox.Add(d);
        }
        _mayHold = stillHeld;
    }

    /// <summary>False only when no delivery is held: the common case reads no owed delivery for it.</summary>
    private bool _mayHold;

    private bool Lost(string source, Ibc.IbcPacket packet)
    {
        var key = (source, packet.Sequence);
        if (_lost.Contains(key)) return true;
        var censored = Faults.Censor is { } kind && PacketKinds.Of(packet.Data) == kind;
        var lost = Faults.Loss > 0 && DeterministicRandom.Unit(Spec.Seed, PathId, $"loss>{source}", packet.Sequence) < Faults.Loss;
        var starved = !censored && !lost && !_starvedOne && Faults.Starve is { } starve && starve.Matches(source, packet.Data);
        if (!censored && !lost && !starved) return false;
        _starvedOne |= starved;
        _lost.Add(key);
        LostCount++;
        return true;
    }
}
