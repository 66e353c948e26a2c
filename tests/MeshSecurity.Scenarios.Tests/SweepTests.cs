using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Sweeping;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// A sweep's plan (every combination of the params' values, the seeds), its statistics (median and order-statistic
/// interval), the figures it reads from a run's report, and a report that does not depend on how many runs go at once.
/// Runs are stood in for by reports made from the scenario, so these take milliseconds (a sweep of real runs is the
/// Cli's SweepTests).
/// </summary>
public sealed class SweepTests
{
    [Theory]
    [InlineData(2, 1, "0.5")]
    [InlineData(5, 1, "0.9375")]
    [InlineData(6, 1, "0.9687")]
    [InlineData(10, 2, "0.9785")]
    [InlineData(20, 6, "0.9586")]
    public void The_interval_is_the_narrowest_pair_of_order_statistics_covering_95_percent(int n, int k, string level)
    {
        Assert.Equal((k, decimal.Parse(level, System.Globalization.CultureInfo.InvariantCulture)), SweepStats.Rank(n));
    }

    [Fact]
    public void The_median_and_interval_come_from_the_sorted_values()
    {
        var ten = SweepStats.Of([9m, 1m, 8m, 2m, 7m, 3m, 6m, 4m, 5m, 10m]);
        Assert.Equal((10, 5.5m, 2m, 9m, 1m, 10m), (ten.N, ten.Median, ten.CiLow, ten.CiHigh, ten.Min, ten.Max));
        var three = SweepStats.Of([3m, 1m, 2m]);
        Assert.Equal((2m, 1m, 3m, 0.75m), (three.Median, three.CiLow, three.CiHigh, three.CiLevel));
    }

    [Theory]
    [InlineData("42", "42,43,44")]
    [InlineData("mesh", "mesh,mesh-1,mesh-2")]
    [InlineData("18446744073709551615", "18446744073709551615,18446744073709551616,18446744073709551617")]
    public void Seeds_count_up_from_the_scenarios_own(string seed, string seeds)
    {
        Assert.Equal(seeds.Split(','), SweepPlan.SeedsFrom(seed, 3));
    }

    private static SweepParam P(string text) => SweepParam.Parse(text, out _)!;

    [Fact]
    public void Every_combination_of_the_values_is_a_configuration_the_first_param_varying_slowest()
    {
        var plan = SweepPlan.Prepare(Parse.Base + "scenario.seed = 7\n", Parse.File,
            [P("links.0.cap=100,200"), P("links.0.over-cap=fail,normalise,fail-extra")], 2, out var errors);
        // the third over-cap value is wrong: every configuration using it is refused, with the param named once
        var e = Assert.Single(errors);
        Assert.Contains("(set by --param links.0.over-cap=fail-extra)", e.Message, StringComparison.Ordinal);

        plan = SweepPlan.Prepare(Parse.Base + "scenario.seed = 7\n", Parse.File,
            [P("links.0.cap=100,200"), P("links.0.over-cap=fail,normalise")], 2, out errors);
        Assert.Empty(errors);
        Assert.Equal("7,8", string.Join(",", plan.Seeds));
        Assert.Equal(["links.0.cap=100, links.0.over-cap=fail", "links.0.cap=100, links.0.over-cap=normalise",
            "links.0.cap=200, links.0.over-cap=fail", "links.0.cap=200, links.0.over-cap=normalise"],
            plan.Configurations.Select(c => c.Label));
        Assert.Equal(Core.Contracts.MetaStaking.OverCapPolicy.Normalise, plan.Configurations[3].Scenario.Links[0].OverCap);
    }

    [Fact]
    public void A_wrong_path_is_one_error_quoting_the_option_whatever_the_number_of_values()
    {
        SweepPlan.Prepare(Parse.Base, Parse.File, [P("links.2.cap=1,2,3")], 1, out var errors);
        Assert.Equal("t.conf:6:1: links[2].cap: --param links.2.cap=1,2,3: links is a list of 1: expected an index from 0 to 0, got \"2\"",
            Assert.Single(errors).ToString());
    }

    /// <summary>
    /// A stand-in run: juno's two validators hold 100 and 50 tokens, the link delegates the cap to the first; it fails
    /// an expectation when the cap is 200; its slash reaches juno after a time that depends on the seed.
    /// </summary>
    private static async Task<RunReport?> Run(Scenario s, string seed, CancellationToken ct)
    {
        await Task.Yield();
        var cap = ((Core.Contracts.MetaStaking.CapPolicy.Fixed)s.Links[0].Cap!).Amount.ToString();
        var fails = cap == "200";
        var validators = new RunReport.ValidatorInfo[]
        {
            new("jv", "a1", (100 + ulong.Parse(cap)).ToString(), 1, "bonded", false, false),
            new("jv2", "a2", "50", 1, "bonded", false, false),
            new("jv3", "a3", "1000", 0, "unbonded", false, false),
        };
        var chains = new RunReport.ChainInfo[] { new("juno", 1, "1h", "", [.. validators], [], null) };
        var packets = new RunReport.PacketCounts(0, 0, 0, 0, 0);
        var links = new RunReport.LinkInfo[]
        {
            new("osmosis", "juno", "p", "c", packets, packets, [new RunReport.StakeView("jv", cap, cap, cap, true)]),
        };
        var latency = $"{seed.Length + int.Parse(seed)}s";
        var slashes = new RunReport.SlashInfo[]
        {
            new("juno", 1, "5m", "jv", "chain", [new RunReport.PropagationInfo("juno", "jv", "1", "5m", latency, 0)], latency),
            new("osmosis", 1, "6m", "ov", "chain", [], null),
        };
        var expectations = new RunReport.ExpectationInfo[]
        {
            new(0, "10m", "balance", "balance of alice", "1000uosmo", $"{cap}uosmo", !fails, "t.conf:9:3"),
            new(1, "10m", "query", "a query", "{}", "{\"a\":1}", true, "t.conf:10:3"),
        };
        return new RunReport(RunReport.SchemaVersion, new RunReport.ScenarioInfo(s.Name, "t.conf", seed, "1h", "0s", "0"),
            [.. chains], [.. links], [], [.. slashes], [], [], [.. expectations],
            new RunReport.Outcome(!fails, fails ? 1 : 0, 0), []);
    }

    [Fact]
    public async Task The_report_compares_configurations_and_does_not_depend_on_how_many_runs_go_at_once()
    {
        var plan = SweepPlan.Prepare(Parse.Base + "scenario.seed = 7\n", Parse.File, [P("links.0.cap=100,200")], 3, out _);

        var one = await new Sweeper(Run).RunAsync(plan, 1);
        var three = await new Sweeper(Run).RunAsync(plan, 3);

        Assert.Equal(SweepWriter.Json(one!), SweepWriter.Json(three!));
        Assert.Equal((false, 2, 1, 6, 3), (one!.Result.Ok, one.Result.Configurations, one.Result.FailedConfigurations, one.Result.Runs,
            one.Result.FailedRuns));
        var first = one.Configurations[0];
        Assert.True(first.Ok);
        string Median(string name) => first.Figures.Single(f => f.Name == name).Median;
        // 100 delegated of the bonded 200 + 50 (the unbonded validator's tokens do not count)
        Assert.Equal("0.4", Median("power share osmosis->juno"));
        // seeds 7, 8, 9 reach after 8, 9 and 10 s; the slash without a burn is not counted
        Assert.Equal("9", Median(RunMetrics.SlashReach));
        Assert.Equal("0", Median(RunMetrics.SlashesUnreached));
        Assert.Equal("100", Median("#0 balance of alice at 10m"));
        Assert.DoesNotContain(first.Figures, f => f.Name.StartsWith("#1", StringComparison.Ordinal));
        Assert.Equal("1", one.Configurations[1].Figures.Single(f => f.Name == RunMetrics.FailedExpectations).Median);
        Assert.Contains("<svg class=\"sweep\" data-figure=\"power share osmosis-&gt;juno\"", SweepHtml.Render(one),
            StringComparison.Ordinal);
    }
}
