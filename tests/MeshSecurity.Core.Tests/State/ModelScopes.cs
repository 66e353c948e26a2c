using MeshSecurity.Core.State;

namespace MeshSecurity.Core.Tests.State;

/// <summary>
/// Nested scopes over an undo log, side by side with a reference model of immutable values: opening a scope keeps the
/// model, a rollback restores it, the commit of the outermost scope makes it the committed model. What the property
/// tests of the stores share (docs/decisions/0014-mutable-stores-with-an-undo-log.md).
/// </summary>
internal sealed class ModelScopes<TModel>(UndoLog log, TModel model)
{
    private readonly Stack<(int Savepoint, TModel Before)> _open = new();

    /// <summary>The model as the writes so far leave it; the test sets it after each write it mirrors.</summary>
    public TModel Model { get; set; } = model;

    /// <summary>The model as the outermost scope last committed it.</summary>
    public TModel Committed { get; private set; } = model;

    public bool IsOpen => _open.Count > 0;

    public void Open() => _open.Push((log.Savepoint(), Model));

    /// <summary>Commits the innermost scope, if one is open; the outermost one commits the log.</summary>
    public void Commit()
    {
        if (!IsOpen) return;
        _open.Pop();
        if (!IsOpen) CommitLog();
    }

    /// <summary>Rolls the innermost scope back, if one is open: the log to its savepoint, the model to its start.</summary>
    public void Rollback()
    {
        if (!IsOpen) return;
        var (savepoint, before) = _open.Pop();
        log.RollbackTo(savepoint);
        Model = before;
    }

    /// <summary>A write outside every scope is its own outermost scope, as a chain's writes are all in a block.</summary>
    public void AfterWrite()
    {
        if (!IsOpen) CommitLog();
    }

    private void CommitLog()
    {
        log.Commit();
        Committed = Model;
    }
}
