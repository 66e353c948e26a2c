namespace MeshSecurity.Core.Invariants;

/// <summary>
/// The packet sequences seen on one channel end, kept as the highest one and the holes below it: sequences come nearly
/// in order, so the holes are the packets still in flight (and, for receipts, those that timed out), not every packet.
/// </summary>
public sealed class SequenceSet
{
    private readonly HashSet<ulong> _holes = [];
    private ulong _high;

    /// <summary>Sequences below the highest one not seen (yet).</summary>
    public int Holes => _holes.Count;

    /// <summary>Adds a sequence; false when it was seen before.</summary>
    public bool Add(ulong sequence)
    {
        if (sequence > _high)
        {
            for (var s = _high + 1; s < sequence; s++) _holes.Add(s);
            _high = sequence;
            return true;
        }
        return _holes.Remove(sequence);
    }
}
