using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Risk;
using MeshSecurity.Core.Tests.Flows;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Risk;

/// <summary>
/// The restaking risk of a small mesh: Alice's 1000 uosmo back juno's v1 and stars' v1 at once (0.1 juno or stars per
/// uosmo; 5 % double-sign slashes everywhere). Juno has three validators of 1,000,000 (v1 also 100 from Alice), stars two.
/// </summary>
public sealed class RestakingRiskTests
{
    private readonly MeshNetwork _net = new();

    public RestakingRiskTests()
    {
        _net.Bond(Alice, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToStars, StarsV1, 1000).Succeeds();
        _net.RelayAll();
    }

    [Fact]
    public void The_cost_of_corrupting_a_chain_is_the_slash_of_its_cheapest_third_and_the_slack_is_measured_against_the_profit()
    {
        var risk = Assess(("juno", 40_000), ("stars", 25_000), shock: "0.25");

        // a third of stars' 3,000,100 is 1,000,034: only v1 holds it alone, thanks to Alice's 100; its slash is 5 % of
        // 1,000,100 on stars (50,005) and 5 % of Alice's 1000 uosmo on osmosis, worth 5 at 0.1
        var stars = risk.Chains.Single(c => c.Chain == "stars");
        Assert.Equal(((Amount)3_000_100, (Amount)50_010, true), (stars.Power, stars.Cost, stars.Exact));
        Assert.Equal(StarsV1.Value, Assert.Single(stars.Coalition));
        Assert.Equal((true, Dec.Parse("1.0004")), (stars.Secure, stars.Slack));
        // juno's v3 has 999,900, so a third of 3,000,000 is v2's 1,000,000 alone: 5 % of it
        var juno = risk.Chains.Single(c => c.Chain == "juno");
        Assert.Equal(((Amount)3_000_000, (Amount)50_000), (juno.Power, juno.Cost));
        Assert.Equal(JunoV2.Value, Assert.Single(juno.Coalition));
        Assert.Equal(Dec.Parse("0.25"), juno.Slack);
        Assert.Equal(Dec.Parse("0.25"), risk.Slack);

        // the shock takes juno's v1 (a sixth of all slashable stake, within the quarter); Alice's collateral falls to
        // 950, which cuts her stars stake to 950 too: 500,120 of 3,000,150 lost in value, and nothing worth corrupting
        Assert.Equal($"shock: juno {JunoV1.Value} slashed (σ 50010)", Assert.Single(risk.Cascade).ToString());
        Assert.Equal(Dec.Parse("0.166698331750079162"), risk.Loss);
        Assert.Equal(Dec.Parse("1.25"), risk.Bound);
        Assert.True(risk.BoundHolds);
    }

    [Fact]
    public void A_shock_that_lowers_a_chains_cost_below_its_profit_cascades_into_its_corruption()
    {
        var risk = Assess(("juno", 49_999), ("stars", 25_000), shock: "0.25");

        Assert.True(risk.Chains.Single(c => c.Chain == "juno").Secure);
        // without v1, a third of juno's 1,999,900 is v3's 999,900 alone, whose slash of 49,995 is below the profit
        Assert.Equal(2, risk.Cascade.Length);
        Assert.Equal($"juno corrupted by {JunoV3.Value} at a cost of 49995, below its profit 49999", risk.Cascade[1].ToString());
        Assert.Equal(Dec.Parse("0.333339999666683332"), risk.Loss);
        Assert.True(risk.BoundHolds);
    }

    [Fact]
    public void An_insecure_chain_leaves_the_network_without_slack_or_bound()
    {
        var risk = Assess(("juno", 60_000), ("stars", 25_000), shock: "0.1");

        var juno = risk.Chains.Single(c => c.Chain == "juno");
        Assert.Equal((false, Dec.Zero), (juno.Secure, juno.Slack));
        Assert.Null(risk.Slack);
        Assert.Null(risk.Bound);
        Assert.Null(risk.BoundHolds);
        Assert.Contains(risk.Cascade, s => s is { Chain: "juno", IsShock: false });
    }

    [Fact]
    public void The_tiniest_rate_values_a_consumer_token_at_10_to_the_18_provider_tokens_without_overflow()
    {
        var risk = RestakingRisk.Assess(_net.Snapshot(), new RiskSettings(
            ImmutableDictionary<string, Amount>.Empty,
            [new LinkRisk("osmosis", "juno", Dec.FromAtomics(1), Dec.Percent(5)), new LinkRisk("osmosis", "stars", Rate, Dec.Percent(5))],
            Dec.Parse("0.5")));

        // juno's σ counts 10^17 times stars' in value: the shock takes juno's largest (a second would pass half), then
        // the stars validators, which are worth next to nothing
        Assert.Equal(["juno", "stars", "stars", "stars"], risk.Cascade.Select(s => s.Chain).ToArray());
        Assert.True(risk.Loss >= Dec.Parse("0.33") && risk.Loss <= Dec.Parse("0.5"), $"loss {risk.Loss}");
    }

    private RiskAssessment Assess((string Chain, ulong Profit) a, (string Chain, ulong Profit) b, string shock) =>
        RestakingRisk.Assess(_net.Snapshot(), new RiskSettings(
            ImmutableDictionary.CreateRange<string, Amount>(StringComparer.Ordinal, [new(a.Chain, a.Profit), new(b.Chain, b.Profit)]),
            [new LinkRisk("osmosis", "juno", Rate, Dec.Percent(5)), new LinkRisk("osmosis", "stars", Rate, Dec.Percent(5))],
            Dec.Parse(shock)));
}
