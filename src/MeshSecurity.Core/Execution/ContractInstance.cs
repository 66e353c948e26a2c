using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// One contract instance with its committed state and the changes a transaction has staged on it, per scope depth
/// (the executor's savepoints). Used by the synchronous host and by the contract actor alike.
/// </summary>
public sealed class ContractInstance
{
    // (depth, state before the first change at that depth); deeper scopes on top
    private readonly Stack<(int Depth, object? Before)> _saves = new();

    public ContractInstance(Addr address, IContractCode code, object? committed)
    {
        Address = address;
        Code = code;
        Committed = committed;
        Working = committed;
    }

    public Addr Address { get; }
    public IContractCode Code { get; }
    public object? Committed { get; private set; }
    public object? Working { get; private set; }

    /// <summary>True when the instance was created in a transaction that rolled back: it never existed.</summary>
    public bool IsGone => Committed is null && Working is null && _saves.Count == 0;

    /// <summary>
    /// Answers the executor's request to run an entry point of this instance: the one place contract code runs, whether
    /// the synchronous host, the chain actor (inline execution) or the contract actor (actor execution) answers.
    /// </summary>
    public ContractOutcome Run(ExecutorRequest.Call request) => Run(request.Invocation, request.Context, request.Depth);

    /// <summary>Runs an entry point on the working state; a success is staged at <paramref name="depth"/>.</summary>
    public ContractOutcome Run(ContractCall call, ContractContext ctx, int depth)
    {
        ContractOutcome outcome;
        try
        {
            outcome = Code.Run(Working, call, ctx);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // code that does not derive from Contract may throw: it fails the call like a wasm trap, never the chain
            outcome = new ContractOutcome.Failed(ex is Errors.MeshException me ? me.Error : new Errors.StdError.Panic($"{ex.GetType().Name}: {ex.Message}"));
        }
        if (outcome is ContractOutcome.Ok ok) Stage(depth, ok.State);
        return outcome;
    }

    /// <summary>A smart query on the committed state (what the last committed transaction left), never the working one.</summary>
    public object Query(object msg, ContractContext ctx) =>
        Code.Query(Committed ?? throw new Errors.StdError.NotFound($"contract {Address}").Raise(), msg, ctx);

    /// <summary>
    /// Records a new working state produced at scope <paramref name="depth"/>. A chain that runs the code elsewhere
    /// (in a contract actor) calls this on its own copy, so it always knows what will be committed.
    /// </summary>
    public void Stage(int depth, object state)
    {
        if (_saves.Count == 0 || _saves.Peek().Depth < depth) _saves.Push((depth, Working));
        Working = state;
    }

    /// <summary>A copy with the same committed, working and staged states (to restore a restarted actor).</summary>
    public ContractInstance Copy()
    {
        var copy = new ContractInstance(Address, Code, Committed) { Working = Working };
        foreach (var save in _saves.Reverse()) copy._saves.Push(save);
        return copy;
    }

    /// <summary>Replaces the committed state (a restarted contract actor restoring what its chain committed).</summary>
    public void Restore(object? committed)
    {
        _saves.Clear();
        Committed = committed;
        Working = committed;
    }

    /// <summary>Marks a fresh instance as created in the scope at <paramref name="depth"/> (a rollback removes it).</summary>
    public void MarkCreated(int depth) => _saves.Push((depth, null));

    /// <summary>
    /// The scope at <paramref name="depth"/> ended. A rollback restores the state from before the scope; a commit
    /// hands the savepoint to the parent scope, and at depth 0 makes the working state the committed one.
    /// </summary>
    public void EndScope(int depth, bool commit)
    {
        if (_saves.Count == 0 || _saves.Peek().Depth != depth)
        {
            if (depth == 0 && commit) Committed = Working;
            return;
        }
        var (_, before) = _saves.Pop();
        if (!commit)
        {
            Working = before;
            return;
        }
        if (depth == 0)
        {
            Committed = Working;
            return;
        }
        if (_saves.Count == 0 || _saves.Peek().Depth < depth - 1) _saves.Push((depth - 1, before));
    }

    /// <summary>Drops everything staged (a transaction abandoned mid-way, e.g. after a crash).</summary>
    public void Abandon() => Restore(Committed);
}
