namespace MeshSecurity.Core.State;

/// <summary>
/// One value of a chain's state (a height, a counter, an immutable record written as a whole) that records its old
/// value on every write in its chain's <see cref="UndoLog"/>, as <see cref="UndoMap{TKey, TValue}"/> does per key
/// (docs/decisions/0014-mutable-stores-with-an-undo-log.md).
/// <para>
/// Contract: read and written in its chain's turn only; what must outlive the turn takes <see cref="Value"/> (when
/// <typeparamref name="T"/> is a value or an immutable record) or <see cref="CommittedValue"/>.
/// </para>
/// </summary>
public sealed class UndoCell<T> : IUndoable
{
    private UndoLog? _log;

    // old values of this cell's writes since the outermost scope last committed, oldest first
    private readonly List<T> _undo = [];

    /// <summary>A cell in no chain yet (genesis, a restored snapshot, a copy): its writes are not recorded until bound.</summary>
    public UndoCell(T value) => Value = value;

    /// <summary>The value as written last.</summary>
    public T Value { get; private set; }

    /// <summary>The value as the outermost scope last committed it, whatever the scopes open now wrote.</summary>
    public T CommittedValue => _undo.Count == 0 ? Value : _undo[0];

    /// <summary>Makes this a store of <paramref name="log"/>; a store belongs to one log for good.</summary>
    public void BindTo(UndoLog log)
    {
        if (ReferenceEquals(_log, log)) return;
        if (_log is not null) throw new InvalidOperationException("a store belongs to one chain's undo log");
        _log = log;
        log.Register(this);
    }

    /// <summary>Writes <paramref name="value"/>, recording the value it replaces.</summary>
    public void Set(T value)
    {
        if (_log is not null)
        {
            _undo.Add(Value);
            _log.Record(this);
        }
        Value = value;
    }

    /// <summary>A cell in no chain holding the committed value.</summary>
    public UndoCell<T> DetachedCommittedCopy() => new(CommittedValue);

    void IUndoable.UndoNewest()
    {
        Value = _undo[^1];
        _undo.RemoveAt(_undo.Count - 1);
    }

    void IUndoable.ForgetUndo() => _undo.Clear();
}
