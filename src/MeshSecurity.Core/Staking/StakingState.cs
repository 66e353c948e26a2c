using System.Collections.Immutable;
using System.Text.Json.Serialization;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// The staking and distribution module's state: mutable stores on the chain's undo log, written in place, so an
/// operation of <see cref="StakingModule"/> returns the same record (docs/decisions/0014-mutable-stores-with-an-undo-log.md).
/// All collections are sorted (ordinal addresses) or ordered lists, never hashed.
/// The Last* fields are the snapshot taken at the last EndBlock, which the next EndBlock diffs against: written as a
/// whole by an EndBlock that recomputed, so they are one cell on the log.
/// </summary>
public sealed record StakingState(
    UndoMap<Addr, Validator> Validators,
    UndoMap<DelegationKey, Delegation> Delegations,
    UnbondingQueue UnbondingQueue,
    ImmutableSortedDictionary<Addr, ulong> LastValidatorPowers,
    ImmutableSortedSet<Addr> LastJailed,
    ImmutableSortedSet<Addr> LastTombstoned)
{
    /// <summary>
    /// What the last EndBlock left: the powers, jailed and tombstoned sets it diffed, the validators as it left them (a
    /// copy, for snapshots) and the validators' <see cref="UndoMap{TKey, TValue}.Version"/> then (-1: unknown, so the
    /// next EndBlock recomputes, as for a restored or copied state).
    /// </summary>
    private sealed record EndBlockMark(
        ImmutableSortedDictionary<Addr, ulong> Powers,
        ImmutableSortedSet<Addr> Jailed,
        ImmutableSortedSet<Addr> Tombstoned,
        ImmutableSortedDictionary<Addr, Validator>? Validators,
        long ValidatorsVersion);

    private UndoCell<EndBlockMark> _endBlock = new(new(LastValidatorPowers, LastJailed, LastTombstoned, null, -1));

    public ImmutableSortedDictionary<Addr, ulong> LastValidatorPowers => _endBlock.Value.Powers;

    public ImmutableSortedSet<Addr> LastJailed => _endBlock.Value.Jailed;

    public ImmutableSortedSet<Addr> LastTombstoned => _endBlock.Value.Tombstoned;

    /// <summary>
    /// The validators as the last EndBlock left them (null before the first), as stored in snapshots. While the
    /// validators' store has not been written since (its version is the one EndBlock noted) and no unbonding validator's
    /// time comes, the next EndBlock has nothing to recompute (most blocks of an idle chain).
    /// </summary>
    public ImmutableSortedDictionary<Addr, Validator>? EndBlockValidators
    {
        get => _endBlock.Value.Validators;
        init => _endBlock = new(_endBlock.Value with { Validators = value });
    }

    /// <summary>True when no validator was written since the last EndBlock of this state (not of a copy).</summary>
    internal bool ValidatorsUnchangedSinceEndBlock => Validators.Version == _endBlock.Value.ValidatorsVersion;

    /// <summary>An EndBlock recomputed: the sets it leaves for the next one, and the validators as they are now.</summary>
    internal void SetEndBlock(
        ImmutableSortedDictionary<Addr, ulong> powers, ImmutableSortedSet<Addr> jailed, ImmutableSortedSet<Addr> tombstoned)
    {
        var validators = ImmutableSortedDictionary.CreateBuilder<Addr, Validator>(AddrOrder);
        foreach (var (op, v) in Validators) validators.Add(op, v);
        _endBlock.Set(new(powers, jailed, tombstoned, validators.ToImmutable(), Validators.Version));
    }

    /// <summary>Orders addresses ordinally (the same order <see cref="Addr.CompareTo"/> gives).</summary>
    public static readonly IComparer<Addr> AddrOrder = Comparer<Addr>.Create((a, b) => a.CompareTo(b));

    /// <summary>A new empty state, in no chain yet (its chain's state binds its store to the chain's undo log).</summary>
    public static StakingState Empty => new(
        new UndoMap<Addr, Validator>(AddrOrder),
        new UndoMap<DelegationKey, Delegation>(DelegationKey.Comparer),
        new UnbondingQueue(),
        ImmutableSortedDictionary.Create<Addr, ulong>(AddrOrder),
        ImmutableSortedSet.Create(AddrOrder),
        ImmutableSortedSet.Create(AddrOrder));

    /// <summary>
    /// x/slashing's signing info: for each validator that missed a block of the last
    /// <see cref="StakingModule.SignedBlocksWindow"/>, the heights it missed, ascending. Empty while every validator signs.
    /// </summary>
    [JsonIgnore]
    public UndoMap<Addr, ImmutableList<ulong>> MissedBlocks { get; private init; } = new(AddrOrder);

    /// <summary>
    /// <see cref="MissedBlocks"/> as stored: left out while empty, so a state without downtime keeps the snapshots' bytes
    /// of the versions before it.
    /// </summary>
    [JsonPropertyName("missed_blocks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UndoMap<Addr, ImmutableList<ulong>>? StoredMissedBlocks
    {
        get => MissedBlocks.IsEmpty ? null : MissedBlocks;
        init => MissedBlocks = value is null ? MissedBlocks : new(AddrOrder, value);
    }

    /// <summary>Makes the stores (validators, delegations, unbonding queue, signing info, EndBlock's sets) a chain's log's.</summary>
    public void BindTo(UndoLog log)
    {
        Validators.BindTo(log);
        Delegations.BindTo(log);
        UnbondingQueue.BindTo(log);
        MissedBlocks.BindTo(log);
        _endBlock.BindTo(log);
    }

    /// <summary>A copy as the chain last committed it, in no chain.</summary>
    public StakingState CommittedCopy()
    {
        var copy = this with
        {
            Validators = Validators.DetachedCommittedCopy(),
            Delegations = Delegations.DetachedCommittedCopy(),
            UnbondingQueue = UnbondingQueue.DetachedCommittedCopy(),
            MissedBlocks = MissedBlocks.DetachedCommittedCopy(),
        };
        // the copy's validators count their writes from 0: its first EndBlock recomputes (and finds nothing to change)
        copy._endBlock = new(_endBlock.CommittedValue with { ValidatorsVersion = -1 });
        return copy;
    }

    public Validator? Validator(Addr operatorAddress) => Validators.GetValueOrDefault(operatorAddress);

    public Delegation? Delegation(Addr delegator, Addr validator) =>
        Delegations.GetValueOrDefault(new DelegationKey(delegator, validator));

    /// <summary>The delegations to one validator, by delegator.</summary>
    public IEnumerable<Delegation> DelegationsTo(Addr validator) => Delegations.Values.Where(d => d.Validator == validator);
}
