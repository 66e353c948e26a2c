using System.Collections.Immutable;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// What consensus hands a block besides its transactions: the validators whose signatures its commit lacks (x/slashing
/// counts them as missed), the validators tombstoned at it (a retired key) and how far the validators' clocks are off
/// the emulated instant the block is made. Faults set them; a healthy chain has none.
/// </summary>
public sealed record BlockConsensus(ImmutableSortedSet<Addr> Absent, ImmutableSortedSet<Addr> Tombstone)
{
    public static readonly BlockConsensus AllSign =
        new(ImmutableSortedSet.Create(StakingState.AddrOrder), ImmutableSortedSet.Create(StakingState.AddrOrder));

    /// <summary>How far ahead (positive) or behind (negative) of the instant the validators' clocks are (a clock skew).</summary>
    public long ClockOffsetNanos { get; init; }

    /// <summary>A one-off jump forward of the clocks at this block; later blocks hold it until the instant catches up.</summary>
    public ulong ClockJumpNanos { get; init; }

    /// <summary>
    /// The block's header time (CometBFT's BFT time, from the validators' clocks) for a block made at
    /// <paramref name="instant"/>: the instant moved by the skew and the jump, but never before the last block's header
    /// time <paramref name="last"/>, so a clock behind, or one that jumped ahead and came back, holds the header time until
    /// the instant catches up. Every timeout measured on the chain (packet timeouts, unbonding, jail) reads this time.
    /// </summary>
    public Timestamp HeaderTime(Timestamp instant, Timestamp last)
    {
        var moved = (Int128)instant.Nanos + ClockOffsetNanos + ClockJumpNanos;
        var clamped = moved < 0 ? 0UL : moved > ulong.MaxValue ? ulong.MaxValue : (ulong)moved;
        return clamped < last.Nanos ? last : new Timestamp(clamped);
    }
}
