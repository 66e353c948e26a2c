namespace MeshSecurity.Core.State;

/// <summary>
/// One chain's log of writes to its stores, in order (docs/decisions/0014-mutable-stores-with-an-undo-log.md). A
/// savepoint is a position in it: opening a scope takes one, a rollback undoes every write after it, newest first, and
/// the commit of the outermost scope forgets them all. A nested scope that commits just drops its savepoint: its writes
/// stay in the log, so the scope around it can still undo them.
/// <para>
/// Contract: a store that writes through this log belongs to one chain, and is read and written in that chain's turn
/// only; what leaves the chain is a copy (<see cref="UndoMap{TKey, TValue}.ToImmutable"/>,
/// <see cref="UndoMap{TKey, TValue}.CommittedCopy"/>).
/// </para>
/// </summary>
public sealed class UndoLog
{
    // the store of each write, oldest first; the store keeps the old value itself, typed, so a write allocates nothing
    private readonly List<IUndoable> _writes = [];
    private readonly List<IUndoable> _stores = [];

    /// <summary>Writes recorded since the outermost scope last committed.</summary>
    public int Count => _writes.Count;

    /// <summary>Opens a scope: the position its rollback returns to.</summary>
    public int Savepoint() => _writes.Count;

    /// <summary>Undoes every write after <paramref name="savepoint"/>, newest first.</summary>
    public void RollbackTo(int savepoint)
    {
        if (savepoint < 0 || savepoint > _writes.Count)
            throw new ArgumentOutOfRangeException(nameof(savepoint), savepoint, $"the log holds {_writes.Count} writes");
        for (var i = _writes.Count - 1; i >= savepoint; i--)
        {
            var store = _writes[i];
            _writes.RemoveAt(i);
            store.UndoNewest();
        }
    }

    /// <summary>The outermost scope commits: every write is kept and no longer undoable.</summary>
    public void Commit()
    {
        if (_writes.Count == 0) return;
        _writes.Clear();
        foreach (var store in _stores) store.ForgetUndo();
    }

    /// <summary>Called by a store on creation: <see cref="Commit"/> tells it to forget its old values.</summary>
    internal void Register(IUndoable store) => _stores.Add(store);

    /// <summary>Called by a store on every write, after it recorded the old value.</summary>
    internal void Record(IUndoable store) => _writes.Add(store);
}
