using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// A link's price feed in place of its fixed exchange rate (docs/scenarios.md "Prices"): the consumer chain's governance
/// publishes the path's price every <paramref name="Every"/> except during <paramref name="Outages"/>; the consumer
/// values each stake packet at the latest price, less <paramref name="Discount"/>, and refuses it once that price is
/// <paramref name="Ttl"/> old.
/// </summary>
public sealed record PriceFeedSpec(Dec Discount, Duration Ttl, Duration Every, PricePath Path, ImmutableArray<PriceFeedSpec.Outage> Outages)
{
    public static readonly Duration DefaultEvery = Duration.FromMinutes(10);

    public static readonly Duration DefaultTtl = Duration.FromHours(1);

    /// <summary>Whether existing stake is re-valued at each epoch's end (production: never).</summary>
    public RemarkPolicy Remark { get; init; } = RemarkPolicy.Never;

    /// <summary>No price is published from <paramref name="From"/> (inclusive) to <paramref name="To"/> (exclusive).</summary>
    public readonly record struct Outage(Duration From, Duration To);

    /// <summary>What the oracle publishes, in order: the path's slots up to <paramref name="until"/> outside the outages.</summary>
    public IEnumerable<(Duration At, Dec Price)> Publications(Duration until, string key) =>
        Path.Slots(Every, until, key).Where(s => !Outages.Any(o => s.At >= o.From && s.At < o.To));

    public bool Equals(PriceFeedSpec? other) =>
        other is not null && (Discount, Ttl, Every, Path, Remark) == (other.Discount, other.Ttl, other.Every, other.Path, other.Remark)
        && Outages.SequenceEqual(other.Outages);

    public override int GetHashCode() => HashCode.Combine(Discount, Ttl, Every, Path);
}
