using System.Collections;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// A light client's consensus states (height → the counterparty's time there), an immutable value. Heights only grow,
/// and the oldest leaves with the trusting period, so the states are a window (an offset and a count) over a buffer
/// that versions share: a newer height is written past the window's end, which no older version reads, and the oldest
/// leaves by moving the offset. An update is O(1) where the sorted tree it replaced copied log N nodes and walked to
/// its oldest; an older version (the state before a rolled-back transaction) stays valid as it was.
/// <para>
/// A write anywhere else than past the newest (a recovery at the latest height, a height below it) copies the window.
/// The buffer is claimed by compare-and-swap, so two versions of one buffer never write the same slot: the second
/// copies. Snapshots keep the JSON of the sorted map it replaced (<see cref="ConsensusStatesJsonConverter"/>).
/// </para>
/// </summary>
[JsonConverter(typeof(ConsensusStatesJsonConverter))]
public sealed class ConsensusStates : IReadOnlyCollection<KeyValuePair<ulong, Timestamp>>, IEquatable<ConsensusStates>
{
    /// <summary>Slots shared by the versions; <see cref="Written"/> slots are set and never change again.</summary>
    private sealed class Buffer(int capacity)
    {
        public readonly (ulong Height, Timestamp Time)[] Slots = new (ulong, Timestamp)[capacity];
        public int Written;
    }

    public static readonly ConsensusStates Empty = new(new Buffer(0), 0, 0);

    private readonly Buffer _buffer;
    private readonly int _start;

    private ConsensusStates(Buffer buffer, int start, int count) => (_buffer, _start, Count) = (buffer, start, count);

    /// <summary>States from entries in strictly ascending heights (a snapshot's); anything else is refused.</summary>
    public static ConsensusStates From(IEnumerable<(ulong Height, Timestamp Time)> entries)
    {
        var list = entries.ToList();
        for (var i = 1; i < list.Count; i++)
            if (list[i].Height <= list[i - 1].Height)
                throw new ArgumentException($"consensus states out of order: height {list[i].Height} after {list[i - 1].Height}");
        var buffer = new Buffer(list.Count);
        list.CopyTo(buffer.Slots);
        buffer.Written = list.Count;
        return new ConsensusStates(buffer, 0, list.Count);
    }

    public int Count { get; }

    private ReadOnlySpan<(ulong Height, Timestamp Time)> Window => _buffer.Slots.AsSpan(_start, Count);

    /// <summary>The lowest height and its time; the states must not be empty.</summary>
    public (ulong Height, Timestamp Time) Oldest =>
        Count > 0 ? Window[0] : throw new InvalidOperationException("no consensus states");

    public IEnumerable<ulong> Keys => this.Select(kv => kv.Key);

    public IEnumerable<Timestamp> Values => this.Select(kv => kv.Value);

    public Timestamp this[ulong height] =>
        TryGetValue(height, out var time) ? time : throw new KeyNotFoundException($"no consensus state at height {height}");

    public bool ContainsKey(ulong height) => TryGetValue(height, out _);

    public bool TryGetValue(ulong height, out Timestamp time)
    {
        var at = IndexOf(height);
        time = at >= 0 ? Window[at].Time : default;
        return at >= 0;
    }

    /// <summary>The states with <paramref name="time"/> at <paramref name="height"/> (added, or replacing the time there).</summary>
    public ConsensusStates SetItem(ulong height, Timestamp time)
    {
        if (Count == 0 || height > Window[^1].Height) return Appended(height, time);
        var at = IndexOf(height);
        var copy = new List<(ulong, Timestamp)>(Count + 1);
        copy.AddRange(Window.ToArray());
        if (at >= 0) copy[at] = (height, time);
        else copy.Insert(~at, (height, time));
        return From(copy);
    }

    /// <summary>The states less the oldest; the buffer is shared, nothing is copied.</summary>
    public ConsensusStates WithoutOldest() =>
        Count > 0 ? new ConsensusStates(_buffer, _start + 1, Count - 1) : throw new InvalidOperationException("no consensus states");

    private ConsensusStates Appended(ulong height, Timestamp time)
    {
        var end = _start + Count;
        if (end < _buffer.Slots.Length && Interlocked.CompareExchange(ref _buffer.Written, end + 1, end) == end)
        {
            _buffer.Slots[end] = (height, time);
            return new ConsensusStates(_buffer, _start, Count + 1);
        }
        // full, or another version wrote past this one's end: a buffer of twice the window, so appends stay O(1) amortized
        var buffer = new Buffer(System.Math.Max(4, 2 * (Count + 1)));
        Window.CopyTo(buffer.Slots);
        buffer.Slots[Count] = (height, time);
        buffer.Written = Count + 1;
        return new ConsensusStates(buffer, 0, Count + 1);
    }

    /// <summary>The index of <paramref name="height"/> in the window, or the complement of where it would go.</summary>
    private int IndexOf(ulong height)
    {
        var window = Window;
        int lo = 0, hi = window.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var h = window[mid].Height;
            if (h == height) return mid;
            if (h < height) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    public IEnumerator<KeyValuePair<ulong, Timestamp>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            var (height, time) = _buffer.Slots[_start + i];
            yield return new KeyValuePair<ulong, Timestamp>(height, time);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ConsensusStates? other) => other is not null && Window.SequenceEqual(other.Window);

    public override bool Equals(object? obj) => Equals(obj as ConsensusStates);

    public override int GetHashCode() => Count == 0 ? 0 : HashCode.Combine(Count, Window[0].Height, Window[^1].Height);
}
