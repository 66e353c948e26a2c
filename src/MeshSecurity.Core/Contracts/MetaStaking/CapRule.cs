using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>The pure arithmetic of caps, shared by meta-staking and its tests.</summary>
public static class CapRule
{
    /// <summary>
    /// The limit a cap policy sets, given the bonded stake of everyone else on the chain (<paramref name="others"/>).
    /// A fraction f gives floor(others × f / (1 − f)): the consumer then holds at most f of the total.
    /// </summary>
    public static Amount Limit(CapPolicy cap, Amount others) => cap switch
    {
        CapPolicy.Fixed f => f.Amount,
        CapPolicy.Fraction f =>
            new Amount(WideMath.MulDivFloor(others.Value, f.Share.Atomics, Dec.AtomicsPerUnit - f.Share.Atomics, "cap_fraction")),
        _ => throw new ArgumentOutOfRangeException(nameof(cap)),
    };

    /// <summary>
    /// Production's rebalance: the requests themselves when their sum is within <paramref name="limit"/>, otherwise each
    /// scaled to floor(request × limit / Σ requests). The seed's example: 500 / 1000 / 1000 under 1000 gives 200 / 400 / 400;
    /// virtual-staking's test: 10 / 40 under 5 gives 1 / 4.
    /// </summary>
    public static ImmutableSortedDictionary<string, Amount> Normalise(IEnumerable<KeyValuePair<string, Amount>> requests, Amount limit)
    {
        var all = requests.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var total = all.Values.Aggregate(Amount.Zero, (s, a) => s + a);
        if (total <= limit) return all;
        return all.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.MultiplyRatio(limit, total), StringComparer.Ordinal);
    }
}
