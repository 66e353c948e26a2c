using System.Collections.Immutable;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Chain;

/// <summary>
/// One committed block: its transactions' results in order, the events of begin and end block (rewards, unbonding
/// maturity, validator set changes, staking hooks) and the validator set update.
/// </summary>
public sealed record BlockResult(
    string ChainId,
    ulong Height,
    Timestamp Time,
    ImmutableArray<TxResult> TxResults,
    ImmutableArray<Event> BeginBlockEvents,
    ImmutableArray<Event> EndBlockEvents,
    ImmutableArray<TxResult> HookResults,
    ValidatorSetUpdate ValidatorUpdates,
    string AppHash)
{
    /// <summary>Every event of the block in order: begin block, each successful transaction, end block, hooks.</summary>
    public IEnumerable<Event> AllEvents =>
        BeginBlockEvents
            .Concat(TxResults.SelectMany(t => t.Events))
            .Concat(EndBlockEvents)
            .Concat(HookResults.SelectMany(t => t.Events));
}
