using System.Collections.Immutable;
using System.Text.Json.Serialization;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// The staking and distribution module's state: every operation of <see cref="StakingModule"/> returns a new one inside
/// a new ChainState, but for <see cref="Delegations"/> and <see cref="UnbondingQueue"/>, mutable stores on the chain's
/// undo log, written in place (docs/decisions/0014-mutable-stores-with-an-undo-log.md). All collections are sorted
/// (ordinal addresses) or ordered lists, never hashed.
/// The Last* fields are the snapshot taken at the last EndBlock, which the next EndBlock diffs against.
/// </summary>
public sealed record StakingState(
    ImmutableSortedDictionary<Addr, Validator> Validators,
    UndoMap<DelegationKey, Delegation> Delegations,
    UnbondingQueue UnbondingQueue,
    ImmutableSortedDictionary<Addr, ulong> LastValidatorPowers,
    ImmutableSortedSet<Addr> LastJailed,
    ImmutableSortedSet<Addr> LastTombstoned)
{
    /// <summary>Orders addresses ordinally (the same order <see cref="Addr.CompareTo"/> gives).</summary>
    public static readonly IComparer<Addr> AddrOrder = Comparer<Addr>.Create((a, b) => a.CompareTo(b));

    /// <summary>A new empty state, in no chain yet (its chain's state binds its store to the chain's undo log).</summary>
    public static StakingState Empty => new(
        ImmutableSortedDictionary.Create<Addr, Validator>(AddrOrder),
        new UndoMap<DelegationKey, Delegation>(DelegationKey.Comparer),
        new UnbondingQueue(),
        ImmutableSortedDictionary.Create<Addr, ulong>(AddrOrder),
        ImmutableSortedSet.Create(AddrOrder),
        ImmutableSortedSet.Create(AddrOrder));

    /// <summary>
    /// The validators as the last EndBlock left them. While nothing replaces them and no unbonding validator's time
    /// comes, the next EndBlock has nothing to recompute (most blocks of an idle chain).
    /// </summary>
    public ImmutableSortedDictionary<Addr, Validator>? EndBlockValidators { get; init; }

    /// <summary>
    /// x/slashing's signing info: for each validator that missed a block of the last
    /// <see cref="StakingModule.SignedBlocksWindow"/>, the heights it missed, ascending. Empty while every validator signs.
    /// </summary>
    [JsonIgnore]
    public ImmutableSortedDictionary<Addr, ImmutableList<ulong>> MissedBlocks { get; init; } =
        ImmutableSortedDictionary.Create<Addr, ImmutableList<ulong>>(AddrOrder);

    /// <summary>
    /// <see cref="MissedBlocks"/> as stored: left out while empty, so a state without downtime keeps the snapshots' bytes
    /// of the versions before it.
    /// </summary>
    [JsonPropertyName("missed_blocks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableSortedDictionary<Addr, ImmutableList<ulong>>? StoredMissedBlocks
    {
        get => MissedBlocks.IsEmpty ? null : MissedBlocks;
        init => MissedBlocks = value ?? MissedBlocks;
    }

    /// <summary>Makes the delegations and the unbonding queue stores of a chain's log.</summary>
    public void BindTo(UndoLog log)
    {
        Delegations.BindTo(log);
        UnbondingQueue.BindTo(log);
    }

    /// <summary>A copy as the chain last committed it, in no chain; the immutable parts are this record's.</summary>
    public StakingState CommittedCopy() => this with
    {
        Delegations = Delegations.DetachedCommittedCopy(),
        UnbondingQueue = UnbondingQueue.DetachedCommittedCopy(),
    };

    public Validator? Validator(Addr operatorAddress) => Validators.GetValueOrDefault(operatorAddress);

    public Delegation? Delegation(Addr delegator, Addr validator) =>
        Delegations.GetValueOrDefault(new DelegationKey(delegator, validator));

    /// <summary>The delegations to one validator, by delegator.</summary>
    public IEnumerable<Delegation> DelegationsTo(Addr validator) => Delegations.Values.Where(d => d.Validator == validator);
}
