using Akka.Actor;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// One contract instance, a child of its chain, and its query endpoint. With actor execution it runs its code on its own
/// state, staging each change at the executor's scope depth and committing or dropping it when the chain says so; with
/// inline execution the chain runs the code and hands it the committed state after each block that touched it.
/// Either way it answers the queries the chain forwards between blocks, from its committed state. If it crashes, it
/// tells the chain, which fails the call in flight if there is one (the transaction rolls back by the executor's rules)
/// and restores it from the chain's copy; messages of earlier blocks are then ignored.
/// </summary>
public sealed class ContractActor : ReceiveActor, IWithUnboundedStash
{
    private readonly Addr _address;
    private ContractInstance _instance;
    private long _ignoreBefore;

    public ContractActor(Addr address, IContractCode code, object? committed, int? createdAtDepth)
    {
        _address = address;
        _instance = new ContractInstance(address, code, committed);
        if (createdAtDepth is { } depth) _instance.MarkCreated(depth);
        Become(Ready);
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(Addr address, IContractCode code, object? committed, int? createdAtDepth) =>
        Akka.Actor.Props.Create(() => new ContractActor(address, code, committed, createdAtDepth));

    private void Ready()
    {
        Receive<RunEntryPoint>(m =>
        {
            if (m.TxSeq < _ignoreBefore) return;
            Sender.Tell(new EntryPointResult(m.CallId, _instance.Run(m.Request)));
        });
        Receive<EndContractScope>(m =>
        {
            if (m.TxSeq >= _ignoreBefore) _instance.EndScope(m.Depth, m.Commit);
        });
        Receive<ContractCommitted>(m =>
        {
            if (m.BlockSeq >= _ignoreBefore) _instance.Restore(m.State);
        });
        Receive<AnswerQuery>(Answer);
        Receive<CrashContract>(m => throw new InvalidOperationException($"chaos: contract {_address} crashed ({m.Reason})"));
    }

    private void Answer(AnswerQuery m)
    {
        try
        {
            Sender.Tell(new ChainReply.QueryResult(m.ChainId, _instance.Query(m.Msg, m.Context), null));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // a query that throws answers with the error, as a failed entry point does; it never crashes the instance
            var error = ex is MeshException me ? me.Error : new StdError.Panic($"{ex.GetType().Name}: {ex.Message}");
            Sender.Tell(new ChainReply.QueryResult(m.ChainId, null, error.ToString()));
        }
    }

    private void Restoring()
    {
        Receive<RestoreContract>(m =>
        {
            _instance = m.Instance;
            _ignoreBefore = m.FromTxSeq;
            Become(Ready);
            Stash.UnstashAll();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    protected override void PreRestart(Exception reason, object message)
    {
        Context.Parent.Tell(new ContractRestarting(_address));
        // keep the mailbox; the new instance waits for its state
    }

    protected override void PostRestart(Exception reason) => Become(Restoring);
}
