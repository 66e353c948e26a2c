using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    private static readonly string[] RiskKeys = ["profits", "shock", "threshold"];

    /// <summary>
    /// The report's restaking risk settings (docs/scenarios.md, "risk"): `profits` per consumer chain (an amount of its
    /// staking token), `shock` (a share of all slashable stake, below 1) and `threshold` (above 0, at most 1).
    /// </summary>
    private RiskSpec? ReadRisk(ObjectReader top, ImmutableArray<ScenarioChain> chains, ImmutableArray<ScenarioLink> links)
    {
        var r = top.Object("risk", false, "the restaking risk settings", RiskKeys);
        if (r is null) return null;
        var shock = r.Dec("shock", false) ?? RiskSpec.DefaultShock;
        if (shock >= Dec.One) ctx.Error(r.PathOf("shock"), $"expected a share of the slashable stake below 1, like \"0.1\", got {shock}");
        var threshold = r.Dec("threshold", false);
        if (threshold is { } t && (t.IsZero || t > Dec.One))
            ctx.Error(r.PathOf("threshold"), $"expected a share of a chain's power above 0 and at most 1, like \"0.34\", got {t}");
        var consumers = links.Select(l => l.Consumer).Distinct().ToArray();
        var profits = ImmutableDictionary.CreateBuilder<string, Amount>(StringComparer.Ordinal);
        if (r.Object("profits", false, "what corrupting each consumer chain would gain, in its staking token", consumers) is { } p)
        {
            foreach (var chain in consumers.Where(p.Has))
                if (p.Amount(chain, true, chains.FirstOrDefault(c => c.Id == chain)?.Denom) is { } profit) profits[chain] = profit;
            p.Finish("in risk.profits (consumer chains only)");
        }
        r.Finish("in risk");
        return new RiskSpec(profits.ToImmutable(), shock, threshold);
    }
}
