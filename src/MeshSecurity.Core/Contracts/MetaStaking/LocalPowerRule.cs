using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>
/// The seed's open question on a local minimum ("We can set a minimum to say 40 % local, and if all remote chains stake
/// to the max, their relative powers are reduced proportionally to ensure this local minimum stake"), exactly.
/// </summary>
public static class LocalPowerRule
{
    /// <summary>
    /// The most all providers together may hold so that <paramref name="native"/> keeps <paramref name="floor"/> of the
    /// total: floor(native × (1 − floor) / floor). 600 native under a 40 % floor lets the providers hold 900.
    /// Contract: 0 &lt; floor &lt; 1.
    /// </summary>
    public static Amount VirtualLimit(Amount native, Dec floor) =>
        new(WideMath.MulDivFloor(native.Value, Dec.AtomicsPerUnit - floor.Atomics, floor.Atomics, "local_min_power"));

    /// <summary>
    /// Every provider's targets scaled by the same ratio when together they pass <paramref name="limit"/>: each becomes
    /// floor(target × limit / Σ targets), so each provider keeps its relative power (600 and 900 under 900 become 360
    /// and 540). Within the limit they are returned as they are.
    /// </summary>
    public static ImmutableArray<ImmutableSortedDictionary<string, Amount>> Scale(
        IReadOnlyList<ImmutableSortedDictionary<string, Amount>> targets, Amount limit)
    {
        var total = targets.SelectMany(t => t.Values).Aggregate(Amount.Zero, (sum, a) => sum + a);
        if (total <= limit) return [.. targets];
        return [.. targets.Select(t =>
            t.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.MultiplyRatio(limit, total), StringComparer.Ordinal))];
    }
}
