using System.Collections;
using System.Collections.Immutable;

namespace MeshSecurity.Core.State;

/// <summary>
/// A mutable sorted map that records the old value of every write in its chain's <see cref="UndoLog"/>, so a scope of
/// the executor can be rolled back exactly (docs/decisions/0014-mutable-stores-with-an-undo-log.md). It iterates in
/// its comparer's order, as the immutable sorted trees it replaces did, so hashes and reports keep their order.
/// <para>
/// Contract: read and written in its chain's turn only. A reference to it sees every later write: what must outlive
/// the turn (a reply, a snapshot, a "before" in a test) takes <see cref="ToImmutable"/> or <see cref="CommittedCopy"/>.
/// </para>
/// </summary>
public sealed class UndoMap<TKey, TValue> : IUndoable, IReadOnlyDictionary<TKey, TValue> where TKey : notnull
{
    private readonly SortedDictionary<TKey, TValue> _items;
    private UndoLog? _log;

    // old values of this store's writes since the outermost scope last committed, oldest first; Had is false when the
    // write created the key
    private readonly List<(TKey Key, bool Had, TValue Old)> _undo = [];

    /// <summary>A store of <paramref name="log"/> holding <paramref name="items"/> (not undoable: they are committed).</summary>
    public UndoMap(UndoLog log, IComparer<TKey> comparer, IEnumerable<KeyValuePair<TKey, TValue>>? items = null)
        : this(comparer, items) => BindTo(log);

    /// <summary>
    /// A store in no chain yet (a chain's genesis, a restored snapshot, a copy): its writes are not recorded until
    /// <see cref="BindTo"/> makes it a store of a chain's log.
    /// </summary>
    public UndoMap(IComparer<TKey> comparer, IEnumerable<KeyValuePair<TKey, TValue>>? items = null)
    {
        _items = new SortedDictionary<TKey, TValue>(comparer);
        foreach (var (key, value) in items ?? []) _items.Add(key, value);
    }

    /// <summary>Makes this a store of <paramref name="log"/>; a store belongs to one log for good.</summary>
    public void BindTo(UndoLog log)
    {
        if (ReferenceEquals(_log, log)) return;
        if (_log is not null) throw new InvalidOperationException("a store belongs to one chain's undo log");
        _log = log;
        log.Register(this);
    }

    /// <summary>
    /// The writes in this store's history as it stands: each write adds one and each undone write takes one off, so the
    /// count is back at a value taken earlier exactly when the writes since were undone. A reader that remembers it
    /// (EndBlock: nothing to recompute while the validators' count is the one it left) learns whether anything moved,
    /// as a reference to an immutable map told it. A copy starts at 0.
    /// </summary>
    public long Version { get; private set; }

    public IComparer<TKey> Comparer => _items.Comparer;
    public int Count => _items.Count;
    public bool IsEmpty => _items.Count == 0;
    public TValue this[TKey key] => _items[key];
    public IEnumerable<TKey> Keys => _items.Keys;
    public IEnumerable<TValue> Values => _items.Values;

    public bool ContainsKey(TKey key) => _items.ContainsKey(key);

    public bool TryGetValue(TKey key, out TValue value) => _items.TryGetValue(key, out value!);

    public TValue GetValueOrDefault(TKey key, TValue fallback) => _items.TryGetValue(key, out var v) ? v : fallback;

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, recording what it held.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_log is not null)
        {
            var had = _items.TryGetValue(key, out var old);
            _undo.Add((key, had, old!));
            _log.Record(this);
        }
        _items[key] = value;
        Version++;
    }

    /// <summary>
    /// Sets <paramref name="key"/> to <paramref name="value"/>, recording what it held, and says what that was (true and
    /// <paramref name="old"/> when the key was there): one look-up where a caller compares the new value with the old.
    /// </summary>
    public bool Set(TKey key, TValue value, out TValue old)
    {
        var had = _items.TryGetValue(key, out old!);
        if (_log is not null)
        {
            _undo.Add((key, had, old));
            _log.Record(this);
        }
        _items[key] = value;
        Version++;
        return had;
    }

    /// <summary>Removes <paramref name="key"/>, recording what it held; false (and nothing recorded) when absent.</summary>
    public bool Remove(TKey key)
    {
        if (!_items.Remove(key, out var old)) return false;
        Version++;
        if (_log is null) return true;
        _undo.Add((key, true, old));
        _log.Record(this);
        return true;
    }

    /// <summary>A store in no chain with a copy of the entries as the outermost scope last committed them.</summary>
    public UndoMap<TKey, TValue> DetachedCommittedCopy() => new(_items.Comparer, CommittedCopy());

    /// <summary>A copy of the entries as they are now.</summary>
    public ImmutableSortedDictionary<TKey, TValue> ToImmutable()
    {
        var b = ImmutableSortedDictionary.CreateBuilder<TKey, TValue>(_items.Comparer);
        foreach (var (key, value) in _items) b.Add(key, value);
        return b.ToImmutable();
    }

    /// <summary>
    /// A copy of the entries as the outermost scope last committed them (for a chain, as of the last block), whatever
    /// the scopes open now wrote: their writes are undone on the copy, newest first, and the store is not touched.
    /// </summary>
    public ImmutableSortedDictionary<TKey, TValue> CommittedCopy()
    {
        var b = ImmutableSortedDictionary.CreateBuilder<TKey, TValue>(_items.Comparer);
        foreach (var (key, value) in _items) b.Add(key, value);
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            var (key, had, old) = _undo[i];
            if (had) b[key] = old;
            else b.Remove(key);
        }
        return b.ToImmutable();
    }

    public SortedDictionary<TKey, TValue>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    void IUndoable.UndoNewest()
    {
        var (key, had, old) = _undo[^1];
        _undo.RemoveAt(_undo.Count - 1);
        Version--;
        if (had) _items[key] = old;
        else _items.Remove(key);
    }

    void IUndoable.ForgetUndo() => _undo.Clear();
}
