using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// How a link's price (consumer tokens per provider token) moves over scenario time, read by its oracle at each
/// publication slot k (at k × update-every). Exact and seeded: the same scenario gives the same prices.
/// </summary>
public abstract record PricePath
{
    private PricePath() { }

    /// <summary>The same price throughout.</summary>
    public sealed record Constant(Dec Value) : PricePath;

    /// <summary>Each point's value from its time on; the first point is at 0.</summary>
    public sealed record Steps(ImmutableArray<Steps.Point> Points) : PricePath
    {
        public readonly record struct Point(Duration At, Dec Value);

        public bool Equals(Steps? other) => other is not null && Points.SequenceEqual(other.Points);

        public override int GetHashCode() => Points.Length;
    }

    /// <summary>
    /// From <paramref name="Start"/>, each slot moves the price by a seeded factor 1 ± volatility × u (u uniform in [0, 1),
    /// up or down by the draw); never below one atom (10^-18).
    /// </summary>
    public sealed record RandomWalk(Dec Start, Dec Volatility) : PricePath;

    /// <summary><paramref name="Value"/> until <paramref name="At"/>, then <paramref name="Value"/> × <paramref name="Factor"/>.</summary>
    public sealed record Shock(Dec Value, Duration At, Dec Factor) : PricePath;

    /// <summary>The first price (at 0): the consumer's configured rate, which a feed leaves unused.</summary>
    public Dec Initial => this switch
    {
        Constant c => c.Value,
        Steps s => s.Points[0].Value,
        RandomWalk w => w.Start,
        Shock s => s.Value,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>
    /// The price of every slot k with k × <paramref name="every"/> ≤ <paramref name="until"/>, in order. <paramref name="key"/>
    /// seeds a random walk (the scenario's seed and the link).
    /// </summary>
    public IEnumerable<(Duration At, Dec Price)> Slots(Duration every, Duration until, string key)
    {
        var price = Initial;
        for (ulong k = 0; k * every.Nanos <= until.Nanos; k++)
        {
            var at = new Duration(k * every.Nanos);
            price = this switch
            {
                Constant c => c.Value,
                Steps s => s.Points.Last(p => p.At <= at).Value,
                RandomWalk w => k == 0 ? w.Start : Step(price, w.Volatility, key, k),
                Shock s => at < s.At ? s.Value : s.Value * s.Factor,
                _ => throw new InvalidOperationException(),
            };
            yield return (at, price);
        }
    }

    private static Dec Step(Dec price, Dec volatility, string key, ulong k)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|price|{k}"));
        var draw = BitConverter.ToUInt64(hash, 0);
        var up = (draw & 1) == 0;
        // u in [0, 1) with 18 digits, from the draw's other 63 bits
        var u = Dec.FromAtomics((UInt128)(draw >> 1) * Dec.AtomicsPerUnit >> 63);
        var move = volatility * u;
        var next = up ? price * (Dec.One + move) : price * (Dec.One - move);
        return next.IsZero ? Dec.FromAtomics(1) : next;
    }
}
