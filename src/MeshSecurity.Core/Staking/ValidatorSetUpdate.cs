using System.Collections.Immutable;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// What changed in the validator set since the previous EndBlock, as EndBlock computes it. Every list is sorted by
/// operator address. <see cref="PowerChanges"/> holds the new power of every validator whose power differs from the
/// last EndBlock's (0 for one that left the set). Jailed / Unjailed / Tombstoned compare the flags with their values
/// at the last EndBlock, so a jail undone before the EndBlock does not show.
/// </summary>
public sealed record ValidatorSetUpdate(
    ImmutableArray<Addr> Added,
    ImmutableArray<Addr> Removed,
    ImmutableArray<Addr> Jailed,
    ImmutableArray<Addr> Unjailed,
    ImmutableArray<Addr> Tombstoned,
    ImmutableSortedDictionary<Addr, ulong> PowerChanges)
{
    public static readonly ValidatorSetUpdate Empty = new([], [], [], [], [],
        ImmutableSortedDictionary.Create<Addr, ulong>(StakingState.AddrOrder));

    public bool IsEmpty =>
        Added.IsEmpty && Removed.IsEmpty && Jailed.IsEmpty && Unjailed.IsEmpty && Tombstoned.IsEmpty && PowerChanges.IsEmpty;

    public bool Equals(ValidatorSetUpdate? other) =>
        other is not null
        && Added.SequenceEqual(other.Added)
        && Removed.SequenceEqual(other.Removed)
        && Jailed.SequenceEqual(other.Jailed)
        && Unjailed.SequenceEqual(other.Unjailed)
        && Tombstoned.SequenceEqual(other.Tombstoned)
        && PowerChanges.SequenceEqual(other.PowerChanges);

    public override int GetHashCode() =>
        HashCode.Combine(Added.Length, Removed.Length, Jailed.Length, Unjailed.Length, Tombstoned.Length, PowerChanges.Count);
}
