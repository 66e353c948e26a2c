using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Apis;

/// <summary>
/// Sudo messages the chain itself sends, at the end of a block, to the contracts governance subscribed to its
/// staking hooks (as the production virtual-staking contract gets valset updates from its SDK module).
/// </summary>
[ExternallyTagged]
public abstract record ChainHook
{
    private ChainHook() { }

    /// <summary>
    /// The bonded validator set changed during the block, or the chain slashed a validator: every change of the block
    /// in one message (the slashes also come one by one as <see cref="ValidatorSlashed"/>, first).
    /// </summary>
    public sealed record ValidatorSetChanged(
        ImmutableArray<string> Added,
        ImmutableArray<string> Removed,
        ImmutableArray<string> Jailed,
        ImmutableArray<string> Unjailed,
        ImmutableArray<string> Tombstoned,
        ImmutableArray<ValsetSlash> Slashed) : ChainHook;

    /// <summary>A validator of this chain was slashed by <paramref name="Fraction"/> for an infraction at a height.</summary>
    public sealed record ValidatorSlashed(string Validator, Dec Fraction, ulong InfractionHeight) : ChainHook;

    /// <summary>
    /// The block at <paramref name="Height"/> ends an epoch (a chain with epochs: every <c>EpochBlocks</c> blocks), sent
    /// first: a consumer contract that re-marks its stake sends its deltas now, so the rebalance below sees them.
    /// </summary>
    public sealed record EpochEnding(ulong Height) : ChainHook;

    /// <summary>
    /// Then, at the same block: meta-staking applies the epoch's batched requests and rebalances (production's
    /// virtual-staking handle_epoch, docs/scenarios.md "Epochs").
    /// </summary>
    public sealed record EpochEnded(ulong Height) : ChainHook;
}
