namespace MeshSecurity.Core.State;

/// <summary>
/// A store that writes through an <see cref="UndoLog"/>: it keeps its own typed old values, newest last, and the log
/// keeps the order of the writes across stores.
/// </summary>
public interface IUndoable
{
    /// <summary>Restores the old value of this store's newest recorded write and forgets it.</summary>
    void UndoNewest();

    /// <summary>Forgets every recorded write: the outermost scope committed.</summary>
    void ForgetUndo();
}
