using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// The synchronous driver: holds a chain's contract instances and answers the executor's requests at once.
/// Core's chains and tests use it; the emulator's chain actor answers the same requests with contract actors.
/// </summary>
public sealed class ContractHost(CodeRegistry codes)
{
    private readonly SortedDictionary<Addr, ContractInstance> _instances = new();

    public CodeRegistry Codes { get; } = codes;

    public IEnumerable<ContractInstance> Instances => _instances.Values;

    /// <summary>Runs a transaction to the end, answering every request, and returns the result and the new state.</summary>
    public (TxResult Result, ChainState State) Execute(ChainState state, Tx tx)
    {
        var execution = TxExecution.Start(state, tx, Codes);
        while (execution.Pending is { } request) execution.Resume(Answer(request));
        return (execution.Result!, execution.State);
    }

    public object? Answer(ExecutorRequest request)
    {
        switch (request)
        {
            case ExecutorRequest.Call c:
                return Get(c.Contract).Run(c);
            case ExecutorRequest.Create c:
                var instance = new ContractInstance(c.Contract, Codes.Get(c.CodeId), null);
                instance.MarkCreated(c.Depth);
                _instances[c.Contract] = instance;
                return null;
            case ExecutorRequest.EndScope e:
                foreach (var addr in e.Contracts)
                {
                    if (!_instances.TryGetValue(addr, out var inst)) continue;
                    inst.EndScope(e.Depth, e.Commit);
                    if (inst.IsGone) _instances.Remove(addr);
                }
                return null;
            default:
                throw new InvalidOperationException($"unknown executor request {request.GetType().Name}");
        }
    }

    /// <summary>Answers a smart query against a contract's committed state.</summary>
    public object Query(ChainState state, Addr contract, object msg)
    {
        var ctx = new ContractContext(new Env(state.ChainId, state.Height, state.Time, contract), new ChainQuerier(state));
        return Get(contract).Query(msg, ctx);
    }

    public object? CommittedState(Addr contract) => _instances.TryGetValue(contract, out var i) ? i.Committed : null;

    private ContractInstance Get(Addr contract) =>
        _instances.TryGetValue(contract, out var i) ? i : throw new StdError.NotFound($"contract instance {contract}").Raise();
}
