using System.Collections.Immutable;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Chain;

/// <summary>
/// One committed block (<paramref name="Time"/> is its header time): its transactions' results in order, the events of
/// begin and end block (rewards, unbonding maturity, validator set changes, staking hooks) and the validator set update.
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
    /// <summary>The emulated instant the block was made, when its header time differs from it (a clock skew); else null.</summary>
    public Timestamp? MadeAt { get; init; }

    /// <summary>The emulated instant the block was made: what the run's events and the block schedule go by.</summary>
    public Timestamp Instant => MadeAt ?? Time;

    /// <summary>Every event of the block in order: begin block, each successful transaction, end block, hooks.</summary>
    /// <remarks>
    /// One iterator: a chain of Concat and SelectMany made about ten objects per read (a boxed enumerator per transaction),
    /// and every block is read twice, for its observers' digests and for the run's block events (docs/bench.md, figure e).
    /// </remarks>
    public IEnumerable<Event> AllEvents
    {
        get
        {
            foreach (var e in BeginBlockEvents) yield return e;
            foreach (var tx in TxResults)
                foreach (var e in tx.Events) yield return e;
            foreach (var e in EndBlockEvents) yield return e;
            foreach (var hook in HookResults)
                foreach (var e in hook.Events) yield return e;
        }
    }
}
