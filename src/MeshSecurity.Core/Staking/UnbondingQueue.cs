using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// The unbonding entries of a chain, a store on its undo log (docs/decisions/0014-mutable-stores-with-an-undo-log.md):
/// a min-heap by (completion time, insertion sequence), so maturing reads only the due entries and equal times leave
/// in the order they came in (the SDK's queue, keyed by time, keeps that order too), with an index by validator for
/// slashing. Every write records its undo. It enumerates (and a snapshot stores it) by completion time, then insertion.
/// <para>
/// Contract: read and written in its chain's turn only; what outlives the turn takes <see cref="ToImmutable"/> or
/// <see cref="DetachedCommittedCopy"/>. An entry's id (its insertion sequence) is valid while the entry is queued.
/// </para>
/// </summary>
[JsonConverter(typeof(UnbondingQueueJsonConverter))]
public sealed class UnbondingQueue : IUndoable, IReadOnlyCollection<UnbondingEntry>
{
    private enum Change : byte { Added, Matured, Replaced }

    private readonly Dictionary<long, UnbondingEntry> _entries = [];
    // the ids, a binary min-heap by (completion time, id), and each id's place in it (so an undone add can leave)
    private readonly List<long> _heap = [];
    private readonly Dictionary<long, int> _place = [];
    private readonly SortedDictionary<Addr, SortedSet<long>> _byValidator = new(StakingState.AddrOrder);
    // this store's writes since the outermost scope last committed, oldest first; Old is the entry a write replaced
    private readonly List<(Change Change, long Id, UnbondingEntry? Old)> _undo = [];
    private long _next;
    private UndoLog? _log;

    /// <summary>
    /// A queue in no chain yet (genesis, a restored snapshot, a copy) holding <paramref name="entries"/>, which take ids
    /// in the order given: entries of equal completion times keep that order.
    /// </summary>
    public UnbondingQueue(IEnumerable<UnbondingEntry>? entries = null)
    {
        foreach (var e in entries ?? []) Put(_next++, e);
    }

    /// <summary>Makes this a store of <paramref name="log"/>; a store belongs to one log for good.</summary>
    public void BindTo(UndoLog log)
    {
        if (ReferenceEquals(_log, log)) return;
        if (_log is not null) throw new InvalidOperationException("a store belongs to one chain's undo log");
        _log = log;
        log.Register(this);
    }

    public int Count => _entries.Count;

    /// <summary>Queues <paramref name="entry"/> after every entry of the same completion time.</summary>
    public void Add(UnbondingEntry entry)
    {
        var id = _next++;
        Put(id, entry);
        Record(Change.Added, id, null);
    }

    /// <summary>Takes the entries due at <paramref name="now"/> (completion time ≤ now) out, in queue order.</summary>
    public IReadOnlyList<UnbondingEntry> TakeDue(Timestamp now)
    {
        var due = new List<UnbondingEntry>();
        while (_heap.Count > 0 && _entries[_heap[0]].CompletionTime <= now)
        {
            var id = _heap[0];
            var entry = Take(id);
            Record(Change.Matured, id, entry);
            due.Add(entry);
        }
        return due;
    }

    /// <summary>The entries of one validator with their ids, in insertion order.</summary>
    public IReadOnlyList<(long Id, UnbondingEntry Entry)> EntriesOf(Addr validator) =>
        _byValidator.TryGetValue(validator, out var ids) ? [.. ids.Select(id => (id, _entries[id]))] : [];

    /// <summary>Sets the balance of the entry <paramref name="id"/> (a slash), recording the entry it had.</summary>
    public void SetBalance(long id, Amount balance)
    {
        var old = _entries[id];
        _entries[id] = old with { Balance = balance };
        Record(Change.Replaced, id, old);
    }

    /// <summary>A copy of the entries as they are now, by completion time, then insertion.</summary>
    public ImmutableList<UnbondingEntry> ToImmutable() => [.. InOrder(_entries)];

    /// <summary>
    /// A queue in no chain with the entries as the outermost scope last committed them: the open scopes' writes are
    /// undone on a copy, newest first, and this store is not touched.
    /// </summary>
    public UnbondingQueue DetachedCommittedCopy()
    {
        var entries = new Dictionary<long, UnbondingEntry>(_entries);
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            var (change, id, old) = _undo[i];
            if (change == Change.Added) entries.Remove(id);
            else entries[id] = old!;
        }
        return new UnbondingQueue(InOrder(entries));
    }

    public IEnumerator<UnbondingEntry> GetEnumerator() => InOrder(_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void IUndoable.UndoNewest()
    {
        var (change, id, old) = _undo[^1];
        _undo.RemoveAt(_undo.Count - 1);
        switch (change)
        {
            case Change.Added:
                Take(id);
                _next = id; // the newest add took the last id
                break;
            case Change.Matured:
                Put(id, old!);
                break;
            case Change.Replaced:
                _entries[id] = old!;
                break;
        }
    }

    void IUndoable.ForgetUndo() => _undo.Clear();

    private static IEnumerable<UnbondingEntry> InOrder(Dictionary<long, UnbondingEntry> entries) =>
        entries.OrderBy(kv => kv.Value.CompletionTime).ThenBy(kv => kv.Key).Select(kv => kv.Value);

    private void Record(Change change, long id, UnbondingEntry? old)
    {
        if (_log is null) return;
        _undo.Add((change, id, old));
        _log.Record(this);
    }

    private void Put(long id, UnbondingEntry entry)
    {
        _entries.Add(id, entry);
        _heap.Add(id);
        _place[id] = _heap.Count - 1;
        SiftUp(_heap.Count - 1);
        if (!_byValidator.TryGetValue(entry.Validator, out var ids)) _byValidator[entry.Validator] = ids = [];
        ids.Add(id);
    }

    private UnbondingEntry Take(long id)
    {
        var entry = _entries[id];
        _entries.Remove(id);
        var at = _place[id];
        _place.Remove(id);
        var last = _heap[^1];
        _heap.RemoveAt(_heap.Count - 1);
        if (at < _heap.Count)
        {
            _heap[at] = last;
            _place[last] = at;
            SiftDown(at);
            SiftUp(_place[last]);
        }
        var ids = _byValidator[entry.Validator];
        ids.Remove(id);
        if (ids.Count == 0) _byValidator.Remove(entry.Validator);
        return entry;
    }

    private bool Before(long a, long b)
    {
        var c = _entries[a].CompletionTime.CompareTo(_entries[b].CompletionTime);
        return c != 0 ? c < 0 : a < b;
    }

    private void SiftUp(int i)
    {
        while (i > 0 && Before(_heap[i], _heap[(i - 1) / 2]))
        {
            Swap(i, (i - 1) / 2);
            i = (i - 1) / 2;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= _heap.Count) return;
            if (child + 1 < _heap.Count && Before(_heap[child + 1], _heap[child])) child++;
            if (!Before(_heap[child], _heap[i])) return;
            Swap(i, child);
            i = child;
        }
    }

    private void Swap(int i, int j)
    {
        (_heap[i], _heap[j]) = (_heap[j], _heap[i]);
        _place[_heap[i]] = i;
        _place[_heap[j]] = j;
    }
}
