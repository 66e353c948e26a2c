using System.Collections.Immutable;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// Executes one transaction as a state machine. It never calls a contract itself: it stops with a
/// <see cref="Pending"/> request ("run entry point E of contract X", "end scope d") and goes on when the driver
/// <see cref="Resume"/>s it with the answer. One executor, two drivers (a synchronous host for Core and its tests,
/// the chain actor for the emulator), so the rules of atomicity live here only.
/// <para>
/// The machine is a stack of frames (<see cref="Frame"/>: the transaction, a message's dispatch, a contract call and
/// what follows it, a sub-message, a packet's callback, ...), each with the point it has reached, kept for the block's
/// next transaction: where nested iterators allocated a state machine per call, per dispatch and per guard.
/// </para>
/// <para>
/// Atomicity: a scope takes a savepoint of the chain's undo log and keeps the (immutable) state record it started
/// from; a rollback undoes the stores' writes since the savepoint and restores the record, a commit keeps both
/// (docs/decisions/0014-mutable-stores-with-an-undo-log.md; the block is the outermost scope, its driver commits).
/// Contracts stage their changes per scope depth and are told to commit or drop them. Scope 0 is the transaction;
/// a sub-message with reply-on-error or always, and a packet receive callback, open a nested scope whose failure
/// is caught. Anything else that fails fails the transaction: nothing of it remains.
/// </para>
/// </summary>
public sealed partial class TxExecution
{
    private readonly Tx _tx;
    private readonly CodeRegistry _codes;
    private readonly List<Event> _events;
    private readonly Stack<Scope> _scopes = new();
    private ChainState _state;
    private object? _reply;

    // the request of every contract call, filled anew per call (ExecutorRequest.Call)
    private ExecutorRequest.Call? _call;

    private TxExecution(ChainState state, Tx tx, CodeRegistry codes, TxExecution? previous)
    {
        // a block's transactions run one after another: the next takes the last one's event list (its result holds a
        // copy), closed scopes, contracts' environments and call request, so a block makes them once, not per transaction
        if (previous is { IsDone: true, _events: var events })
        {
            _events = events;
            _events.Clear();
            _freeScopes = previous._freeScopes;
            _envs = previous._envs;
            _frames = previous._frames;
            _call = previous._call;
        }
        else
        {
            _events = [];
            _freeScopes = new();
            _envs = [];
            _frames = [];
        }
        _state = state;
        _tx = tx;
        _codes = codes;
        Push(FrameKind.Tx, guarded: false);
        Advance();
    }

    /// <summary>Starts executing <paramref name="tx"/> on <paramref name="state"/>; check <see cref="Pending"/> next.</summary>
    public static TxExecution Start(ChainState state, Tx tx, CodeRegistry codes) => new(state, tx, codes, null);

    /// <summary>
    /// Like <see cref="Start(ChainState, Tx, CodeRegistry)"/>, reusing the working lists of <paramref name="previous"/>
    /// when it is done (its <see cref="Result"/> and <see cref="State"/> stay as they are; nothing else of it may be used).
    /// </summary>
    internal static TxExecution Start(ChainState state, Tx tx, CodeRegistry codes, TxExecution? previous) =>
        new(state, tx, codes, previous);

    /// <summary>What the driver must do before calling <see cref="Resume"/>; null once <see cref="IsDone"/>.</summary>
    public ExecutorRequest? Pending { get; private set; }

    public bool IsDone => Pending is null;

    /// <summary>The result, once done.</summary>
    public TxResult? Result { get; private set; }

    /// <summary>The chain state after the transaction (the state it started from if it failed).</summary>
    public ChainState State => _state;

    /// <summary>Answers <see cref="Pending"/>: a <see cref="ContractOutcome"/> for a call, null otherwise.</summary>
    public void Resume(object? reply)
    {
        if (Pending is null) throw new InvalidOperationException("the transaction is already done");
        _reply = reply;
        Advance();
    }

    private int Depth => _scopes.Count - 1;

    // a transaction relaying many packets opens and closes a scope per packet: closed scopes are kept for the next
    private readonly Stack<Scope> _freeScopes;

    private sealed class Scope
    {
        public int Savepoint { get; private set; }
        public int EventCount { get; private set; }

        // the contracts run or created in the scope, sorted (ordinal): a short list, where a sorted set allocated a
        // node per contract and an enumerator per copy
        public List<Addr> Touched { get; } = [];

        public Scope Open(UndoLog log, int eventCount)
        {
            Savepoint = log.Savepoint();
            EventCount = eventCount;
            Touched.Clear();
            return this;
        }

        public void Touch(Addr contract)
        {
            var at = Touched.BinarySearch(contract);
            if (at < 0) Touched.Insert(~at, contract);
        }
    }

    private void OpenScope() =>
        _scopes.Push((_freeScopes.Count > 0 ? _freeScopes.Pop() : new Scope()).Open(_state.Undo, _events.Count));

    /// <summary>
    /// Ends the innermost scope: a commit hands its touched contracts to the parent, a rollback restores. Returns the
    /// request the driver must answer, if any (not an iterator: at most one request, and an iterator per scope).
    /// </summary>
    private ExecutorRequest.EndScope? CloseScope(bool commit)
    {
        var depth = Depth;
        var scope = _scopes.Pop();
        if (!commit)
        {
            // every cell and store of the state, newest write first
            _state.Undo.RollbackTo(scope.Savepoint);
            _events.RemoveRange(scope.EventCount, _events.Count - scope.EventCount);
        }
        else if (_scopes.Count > 0)
        {
            var parent = _scopes.Peek();
            foreach (var contract in scope.Touched) parent.Touch(contract);
        }
        var end = scope.Touched.Count > 0 || depth == 0 ? new ExecutorRequest.EndScope(depth, commit, [.. scope.Touched]) : null;
        _freeScopes.Push(scope);
        return end;
    }

    private void Touch(Addr contract) => _scopes.Peek().Touch(contract);

    // a channel end or a packet store written in place leaves the IBC record as it was: nothing to write then
    private void SetIbc(Ibc.IbcState ibc)
    {
        _state.WithIbc(ibc);
    }

    private void Emit(Event e) => _events.Add(e);

    // the error a guarded frame caught: set as that frame ends (Unwind), taken by its parent's next step, so nested
    // guarded frames (a scope inside a scope) never see each other's
    private MeshError? _caught;

    private MeshError? TakeCaught()
    {
        var error = _caught;
        _caught = null;
        return error;
    }
}
