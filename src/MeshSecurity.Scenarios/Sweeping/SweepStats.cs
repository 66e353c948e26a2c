using System.Numerics;

namespace MeshSecurity.Scenarios.Sweeping;

/// <summary>
/// The median of a configuration's readings over its seeds and a distribution-free confidence interval for it from
/// order statistics: [x(k), x(n-k+1)] with the largest k whose coverage 1 - 2 P(Binomial(n, 1/2) &lt; k) is at least
/// 95 %. Exact and deterministic (no resampling); with 5 seeds or fewer even [min, max] covers less than 95 %, and the
/// coverage reached is reported with the interval.
/// </summary>
public static class SweepStats
{
    public const decimal Target = 0.95m;

    public sealed record Summary(int N, decimal Median, decimal CiLow, decimal CiHigh, decimal CiLevel, decimal Min, decimal Max);

    public static Summary Of(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        var (k, level) = Rank(n);
        return new Summary(n, median, sorted[k - 1], sorted[n - k], level, sorted[0], sorted[^1]);
    }

    /// <summary>The 1-based rank k of the interval's lower end and its coverage, rounded down to 4 decimals.</summary>
    public static (int K, decimal Level) Rank(int n)
    {
        var total = BigInteger.Pow(2, n);
        // below = the number of outcomes of n fair coins with fewer than k heads, C(n, 0) + ... + C(n, k - 1)
        var below = BigInteger.One;
        var choose = BigInteger.One;
        var best = (K: 1, Level: Coverage(total, below));
        for (var k = 2; 2 * k <= n + 1; k++)
        {
            choose = choose * (n - k + 2) / (k - 1);
            below += choose;
            var level = Coverage(total, below);
            if (level < Target) break;
            best = (k, level);
        }
        return best;
    }

    private static decimal Coverage(BigInteger total, BigInteger below)
    {
        var covered = total - 2 * below;
        return (decimal)(covered * 10_000 / total) / 10_000;
    }
}
