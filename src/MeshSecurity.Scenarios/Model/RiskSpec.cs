using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// The scenario's `risk` settings (docs/scenarios.md, "risk"): what corrupting each consumer chain would gain an attacker,
/// in its staking token; the shock the cascade starts from, a share of all slashable stake; and the share of a chain's
/// power a coalition needs (null: one third).
/// </summary>
public sealed record RiskSpec(ImmutableDictionary<string, Amount> Profits, Dec Shock, Dec? Threshold)
{
    public static readonly Dec DefaultShock = Dec.Percent(10);

    public static readonly RiskSpec Default = new(ImmutableDictionary<string, Amount>.Empty, DefaultShock, null);

    public bool Equals(RiskSpec? other) => other is not null && Shock == other.Shock && Threshold == other.Threshold
        && Profits.Count == other.Profits.Count && Profits.All(kv => other.Profits.TryGetValue(kv.Key, out var p) && p == kv.Value);

    public override int GetHashCode() => HashCode.Combine(Profits.Count, Shock, Threshold);
}
