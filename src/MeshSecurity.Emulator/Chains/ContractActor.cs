using Akka.Actor;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// One contract instance, a child of its chain: runs its code on its own state, staging each change at the
/// executor's scope depth and committing or dropping it when the chain says so. If it crashes, it tells the chain,
/// which fails the call in flight (the transaction rolls back by the executor's rules) and restores it from the
/// chain's copy of what it had staged; messages of earlier transactions are then ignored.
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
            var outcome = _instance.Run(m.Request.Invocation, m.Request.Context, m.Request.Depth);
            Sender.Tell(new EntryPointResult(m.CallId, outcome));
        });
        Receive<EndContractScope>(m =>
        {
            if (m.TxSeq >= _ignoreBefore) _instance.EndScope(m.Depth, m.Commit);
        });
        Receive<CrashContract>(m => throw new InvalidOperationException($"chaos: contract {_address} crashed ({m.Reason})"));
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
