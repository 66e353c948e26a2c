using System.Collections.Immutable;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// What consensus hands a block besides its transactions: the validators whose signatures its commit lacks (x/slashing
/// counts them as missed) and the validators tombstoned at it (a retired key). Faults set them; a healthy chain has none.
/// </summary>
public sealed record BlockConsensus(ImmutableSortedSet<Addr> Absent, ImmutableSortedSet<Addr> Tombstone)
{
    public static readonly BlockConsensus AllSign =
        new(ImmutableSortedSet.Create(StakingState.AddrOrder), ImmutableSortedSet.Create(StakingState.AddrOrder));
}
