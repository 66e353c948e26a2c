using System.Collections;
using System.Collections.Immutable;

namespace MeshSecurity.Core.State;

/// <summary>
/// A persistent sorted map for contract states (docs/decisions/0014-mutable-stores-with-an-undo-log.md, "Session 19"):
/// every version is a value, as an <see cref="ImmutableSortedDictionary{TKey, TValue}"/> is, but a write costs one
/// small object instead of a copy of log N tree nodes. The versions of one map share one mutable sorted dictionary,
/// which holds the newest version written; every other version is the difference (one key's value) to the next version
/// toward it. A read walks those differences; a write to an older version (a rolled-back scope's state written again)
/// first undoes them on the dictionary until that version is the one it holds, turning the undone versions into
/// differences the other way (Baker's rerooting).
/// <para>
/// Contract: same answers, order and equality (by reference) as the immutable map it replaces, whatever version is
/// read or written, in any order; every operation holds the map's lock, so versions may be read on other threads (a
/// contract actor answering queries from a committed state while its chain writes newer ones). Iteration takes a copy of
/// the entries, O(size): for slash sweeps, queries and snapshots, not per write. Two maps made apart (<see cref="Create"/>)
/// share nothing; made from one, never share a map between unrelated states, or their writes undo each other in turn.
/// </para>
/// </summary>
public sealed class VersionedMap<TKey, TValue> : IReadOnlyCollection<KeyValuePair<TKey, TValue>> where TKey : notnull
{
    private readonly Shared _shared;

    // null while this version is the one the dictionary holds; else this version is _next with _key set to _old (or
    // removed when !_had)
    private VersionedMap<TKey, TValue>? _next;
    private TKey _key = default!;
    private bool _had;
    private TValue _old = default!;
    private int _count;

    private VersionedMap(Shared shared, int count)
    {
        _shared = shared;
        _count = count;
    }

    /// <summary>A new, empty map, sharing nothing with any other.</summary>
    public static VersionedMap<TKey, TValue> Create(IComparer<TKey>? comparer = null) =>
        new(new Shared(new SortedDictionary<TKey, TValue>(comparer ?? Comparer<TKey>.Default)), 0);

    /// <summary>A new map holding <paramref name="items"/> (a snapshot read back), sharing nothing with any other.</summary>
    public static VersionedMap<TKey, TValue> Create(IComparer<TKey> comparer, IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        var dictionary = new SortedDictionary<TKey, TValue>(comparer);
        foreach (var (key, value) in items) dictionary.Add(key, value);
        return new(new Shared(dictionary), dictionary.Count);
    }

    public IComparer<TKey> KeyComparer => _shared.Items.Comparer;

    public int Count => _count;

    public bool IsEmpty => _count == 0;

    public TValue this[TKey key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"the key '{key}' is not in the map");

    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    public TValue? GetValueOrDefault(TKey key) => TryGetValue(key, out var value) ? value : default;

    public TValue GetValueOrDefault(TKey key, TValue fallback) => TryGetValue(key, out var value) ? value : fallback;

    public bool TryGetValue(TKey key, out TValue value)
    {
        lock (_shared)
        {
            var comparer = _shared.Items.Comparer;
            for (var v = this; v._next is { } next; v = next)
            {
                if (comparer.Compare(v._key, key) != 0) continue;
                value = v._old;
                return v._had;
            }
            return _shared.Items.TryGetValue(key, out value!);
        }
    }

    /// <summary>This map with <paramref name="key"/> set to <paramref name="value"/>; this one when it holds an equal value.</summary>
    public VersionedMap<TKey, TValue> SetItem(TKey key, TValue value)
    {
        lock (_shared)
        {
            Reroot();
            var had = _shared.Items.TryGetValue(key, out var old);
            if (had && EqualityComparer<TValue>.Default.Equals(old, value)) return this;
            _shared.Items[key] = value;
            return Became(key, had, old!, had ? _count : _count + 1);
        }
    }

    /// <summary>This map without <paramref name="key"/>; this one when it has no such key.</summary>
    public VersionedMap<TKey, TValue> Remove(TKey key)
    {
        lock (_shared)
        {
            Reroot();
            if (!_shared.Items.Remove(key, out var old)) return this;
            return Became(key, true, old, _count - 1);
        }
    }

    /// <summary>The entries in key order, as a copy.</summary>
    public ImmutableArray<KeyValuePair<TKey, TValue>> Entries()
    {
        lock (_shared)
        {
            Reroot();
            var entries = ImmutableArray.CreateBuilder<KeyValuePair<TKey, TValue>>(_count);
            foreach (var entry in _shared.Items) entries.Add(entry);
            return entries.MoveToImmutable();
        }
    }

    public IEnumerable<TKey> Keys => Entries().Select(e => e.Key);

    public IEnumerable<TValue> Values => Entries().Select(e => e.Value);

    public ImmutableArray<KeyValuePair<TKey, TValue>>.Enumerator GetEnumerator() => Entries().GetEnumerator();

    IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() =>
        ((IEnumerable<KeyValuePair<TKey, TValue>>)Entries()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Entries()).GetEnumerator();

    /// <summary>A copy of this version as an immutable map (tests compare versions with their models through it).</summary>
    public ImmutableSortedDictionary<TKey, TValue> ToImmutable() =>
        ImmutableSortedDictionary.CreateRange(_shared.Items.Comparer, Entries());

    // the dictionary now holds the new version; this one becomes its difference: key back to (had, old)
    private VersionedMap<TKey, TValue> Became(TKey key, bool had, TValue old, int count)
    {
        var next = new VersionedMap<TKey, TValue>(_shared, count);
        (_next, _key, _had, _old) = (next, key, had, old);
        return next;
    }

    // makes the dictionary hold this version: undoes the differences from the one it holds back to this one, newest
    // first, and turns each undone version into the difference the other way; called under the lock
    private void Reroot()
    {
        if (_next is null) return;
        var path = _shared.Path;
        for (var v = this; v._next is { } next; v = next) path.Add(v);
        var items = _shared.Items;
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var v = path[i];
            var newer = v._next!;
            var key = v._key;
            var had = items.TryGetValue(key, out var current);
            if (v._had) items[key] = v._old;
            else items.Remove(key);
            (newer._next, newer._key, newer._had, newer._old) = (v, key, had, current!);
            (v._next, v._key, v._had, v._old) = (null, default!, false, default!);
        }
        path.Clear();
    }

    // what every version of one map shares: the dictionary (the version written last, or rerooted to) and a reused path
    private sealed class Shared(SortedDictionary<TKey, TValue> items)
    {
        public readonly SortedDictionary<TKey, TValue> Items = items;
        public readonly List<VersionedMap<TKey, TValue>> Path = [];
    }
}
