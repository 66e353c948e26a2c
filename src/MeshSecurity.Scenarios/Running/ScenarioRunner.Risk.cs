using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Risk;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;
using Microsoft.Extensions.Logging;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// The report's restaking risk section (docs/report.md, "Restaking risk"): Core's <see cref="RestakingRisk"/> read from
/// the network's state at the end, with the scenario's `risk` settings and each link's slash fraction and rate.
/// </summary>
public sealed partial class ScenarioRunner
{
    private async Task<RunReport.RiskInfo?> Risk()
    {
        if (_links.Count == 0) return null;
        var spec = _scenario.Risk;
        var links = _scenario.Links.Select(l => new LinkRisk(l.Provider, l.Consumer, RateAtEnd(l), l.SlashFraction));
        var settings = new RiskSettings(spec.Profits, [.. links], spec.Shock, spec.Threshold);
        RiskAssessment r;
        try
        {
            r = RestakingRisk.Assess(await Snapshot(withStakes: false), settings);
        }
        catch (MeshException ex) when (ex.Error is StdError.Overflow)
        {
            // a rate of 10^20 on a stake near the u128 limit: the section is left out rather than the run lost
            _log.LogWarning("the report's restaking risk section is left out: {Reason}", ex.Message);
            return null;
        }
        return new RunReport.RiskInfo(spec.Threshold?.ToString() ?? "1/3",
            [.. r.Chains.Select(c => new RunReport.ChainRiskInfo(c.Chain, c.Power.ToString(), c.Cost.ToString(),
                [.. c.Coalition.Select(v => NameOf(c.Chain, v))], c.Exact, c.Profit?.ToString(), c.Secure, c.Slack?.ToString()))],
            r.Slack?.ToString(), r.Shock.ToString(), r.Loss.ToString(), r.Bound?.ToString(), r.BoundHolds,
            [.. r.Cascade.Select(s => s.Describe(v => NameOf(s.Chain, v)))]);
    }

    /// <summary>Consumer tokens per provider token at the end: the fixed rate, or the feed's last price less its discount.</summary>
    private Dec RateAtEnd(ScenarioLink link)
    {
        if (link.Price is not { } feed) return link.ExchangeRate;
        var published = feed.Publications(_scenario.Duration, $"{Seed}|{link.Provider}|{link.Consumer}").Select(p => p.Price);
        return published.DefaultIfEmpty(feed.Path.Initial).Last() * (Dec.One - feed.Discount);
    }
}
