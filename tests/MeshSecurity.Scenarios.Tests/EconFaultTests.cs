using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;
using static MeshSecurity.Scenarios.Tests.ChaosStepTests;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// econ.withdraw-race and econ.price-shock (docs/chaos.md, "Economic faults"): what they parse to, their misuses, races
/// in both orders whose winners the lockup's rule decides, counted in the report, and a shock that values a stake at the
/// shocked price and ends, with every invariant holding.
/// </summary>
public sealed class EconFaultTests
{
    /// <summary><see cref="ChaosStepTests.Three"/> with a price feed on osmosis -> juno (same lines).</summary>
    private static string Priced(string text) => text.Replace(
        "{ provider = osmosis, consumer = juno, exchange-rate = \"1\", staking-funds = 1000000000 }",
        "{ provider = osmosis, consumer = juno, staking-funds = 1000000000, price { path = { kind = constant, value = \"0.5\" } } }",
        StringComparison.Ordinal);

    [Theory]
    [InlineData("provider = osmosis, consumer = juno, account = alice", "econ.withdraw-race osmosis->juno alice/jv")]
    [InlineData("provider = osmosis, consumer = stars, account = alice, validator = sv", "econ.withdraw-race osmosis->stars alice/sv")]
    public void A_withdraw_race_parses_to_what_it_does_and_writes_itself_back(string keys, string described)
    {
        var step = Assert.IsType<ScenarioStep.Chaos>(Assert.Single(
            Parse.Ok(WithSteps("{ at = 5m, chaos = econ.withdraw-race, " + keys + " }")).Steps));
        Assert.Equal(described, step.Fault.Describe());
        Assert.Null(step.For);
        var again = Assert.IsType<ScenarioStep.Chaos>(Assert.Single(Parse.Ok(WithSteps($"{{ at = 5m, {step.Fault.ToHocon()} }}")).Steps));
        Assert.Equal(step.Fault, again.Fault);
    }

    /// <summary>Rows: the step (line 12, from column 3), where the error is, its key, a fragment of the message.</summary>
    public static TheoryData<string, string, string, string> Misuses => new()
    {
        { "{ at = 5m, chaos = econ.withdraw-race, provider = osmosis, consumer = juno }", "{", "steps[0].account",
            "missing required key \"account\"" },
        { "{ at = 5m, chaos = econ.withdraw-race, provider = osmosis, consumer = juno, account = alcie }", "account", "steps[0].account",
            "(did you mean \"alice\"?)" },
        { "{ at = 5m, chaos = econ.withdraw-race, provider = juno, consumer = osmosis, account = alice }", "consumer", "steps[0].consumer",
            "no link from juno to osmosis" },
        { "{ at = 5m, chaos = econ.withdraw-race, provider = osmosis, consumer = juno, account = alice, validator = sv }", "validator =",
            "steps[0].validator", "unknown validator \"sv\" on chain juno" },
        { "{ at = 5m, chaos = econ.withdraw-race, provider = osmosis, consumer = juno, account = alice, for = 1h }", "for", "steps[0].for",
            "econ.withdraw-race acts once" },
        { "{ at = 5m, chaos = econ.price-shock, provider = osmosis, consumer = stars, factor = \"0.4\" }", "consumer", "steps[0].consumer",
            "the link osmosis -> stars has a fixed exchange-rate, no price feed to shock; links with a price: osmosis -> juno" },
        { "{ at = 5m, chaos = econ.price-shock, provider = osmosis, consumer = juno, factor = \"0\" }", "factor", "steps[0].factor",
            "expected a decimal above 0, got 0" },
        { "{ at = 5m, chaos = econ.price-shock, provider = osmosis, consumer = juno }", "{", "steps[0].factor",
            "missing required key \"factor\"" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string text, string at, string key, string fragment) =>
        Parse.Single(Priced(WithSteps(text)), 12, 3 + text.IndexOf(at, StringComparison.Ordinal), key, fragment);

    [Fact]
    public void A_price_shock_parses_to_what_it_does_and_writes_itself_back()
    {
        var step = Assert.IsType<ScenarioStep.Chaos>(Assert.Single(Parse.Ok(Priced(WithSteps(
            "{ at = 5m, chaos = econ.price-shock, provider = osmosis, consumer = juno, factor = \"0.4\", for = 20m }"))).Steps));
        Assert.Equal(("econ.price-shock osmosis->juno x0.4", "20m"), (step.Fault.Describe(), step.For?.ToString()));
        var again = Parse.Ok(Priced(WithSteps($"{{ at = 5m, {step.Fault.ToHocon()} }}"))).Steps.OfType<ScenarioStep.Chaos>().Single();
        Assert.Equal(step.Fault, again.Fault);
    }

    [Fact]
    public async Task Races_in_both_orders_leave_one_winner_unless_the_stake_reuses_held_collateral_and_the_report_counts_them()
    {
        var text = await File.ReadAllTextAsync(Examples.PathOf("econ-faults.conf"));

        var report = await Runs.Of(text);
        // another seed draws other orders: here the withdrawal goes first in every race; and no price shock
        var reseeded = await Runs.Of(string.Join('\n', text.Replace("duration = 1h20m", "duration = 1h20m, seed = races",
            StringComparison.Ordinal).Split('\n').Where(l => !l.Contains("chaos = econ.price-shock", StringComparison.Ordinal))));

        Assert.True(report.Result.Ok, string.Join("; ", report.Expectations.Where(e => !e.Ok)));
        Assert.Equal(new Reporting.RunReport.RaceCounts(5, StakeWon: 2, WithdrawalWon: 1, Neither: 1, Shared: 1), report.WithdrawRaces);
        Assert.Equal(new Reporting.RunReport.RaceCounts(5, StakeWon: 0, WithdrawalWon: 4, Neither: 1, Shared: 0), reseeded.WithdrawRaces);
        Assert.Contains("the withdrawal failed: lockup:ClaimsLocked", report.Steps[1].Outcome, StringComparison.Ordinal);
        Assert.Contains("the stake failed: lockup:InsufficientBalance", reseeded.Steps[1].Outcome, StringComparison.Ordinal);
        foreach (var r in new[] { report, reseeded })
        {
            Assert.All(r.Steps, s => Assert.True(s.Ok, s.Outcome));
            Assert.True(r.Invariants.All(i => i.Ok), string.Join("; ", r.Invariants.Where(i => !i.Ok)));
        }
        // the reseeded run withdrew all she bonded: her balance is whole again
        Assert.Equal("1000000000", reseeded.Expectations.Single(e => e.What.Contains("balance", StringComparison.Ordinal)).Actual);
        // 10 osmo staked to akash during the shock are worth 0.5 × 0.4 each, after it 0.5 again; without it 0.5 throughout
        string Akash(Reporting.RunReport r, string at) =>
            r.Expectations.Single(e => e.At == at && e.Target.Contains("akash", StringComparison.Ordinal)).Actual!;
        Assert.Equal(("2000000", "7000000"), (Akash(report, "55m"), Akash(report, "1h15m")));
        Assert.Equal(("5000000", "10000000"), (Akash(reseeded, "55m"), Akash(reseeded, "1h15m")));
        Assert.Equal(("40m", "1h"), (report.Faults[^1].From, report.Faults[^1].To));
    }

    [Fact]
    public async Task Two_shocks_of_one_link_in_one_second_both_publish_and_the_later_holds()
    {
        var text = (await File.ReadAllTextAsync(Examples.PathOf("econ-faults.conf"))).Replace(
            "  { at = 45m, action = cross-stake,",
            "  { at = 40m, chaos = econ.price-shock, provider = osmosis, consumer = akash, factor = \"2\", for = 20m }\n" +
            "  { at = 45m, action = cross-stake,", StringComparison.Ordinal);

        var report = await Runs.Of(text);

        Assert.All(report.Steps, s => Assert.True(s.Ok, s.Outcome));
        // the oracle published 0.5 × 0.4 and then 0.5 × 2 in the same second, as two transactions: 10 osmo staked during
        // the shocks are worth 1 akash each
        var akash = report.Expectations.Single(e => e.At == "55m" && e.Target.Contains("akash", StringComparison.Ordinal));
        Assert.Equal("10000000", akash.Actual);
    }

    [Fact]
    public void The_nemesis_draws_price_shocks_on_priced_links_only_and_refuses_them_without_one()
    {
        var drawn = Parse.Ok(Priced(Three) + "nemesis { end = 2h, interval = 10m, faults = [econ.price-shock] }\n")
            .Steps.OfType<ScenarioStep.Chaos>().Select(s => s.Fault).SkipLast(1).ToList();
        Assert.NotEmpty(drawn);
        Assert.All(drawn.Cast<ChaosSpec.EconPriceShock>(), s =>
        {
            Assert.Equal("juno", s.Consumer);
            Assert.True(s.Factor >= Core.Math.Dec.Percent(20) && s.Factor <= Core.Math.Dec.Percent(200), s.Factor.ToString());
        });
        Parse.SingleAt(Three + "nemesis { end = 2h, interval = 10m, faults = [econ.price-shock] }\n", 11, "econ.price-shock",
            "nemesis.faults[0]", "econ.price-shock shocks a link's price feed, and no link has a price");
    }

    [Fact]
    public void The_nemesis_draws_withdraw_races_of_a_providers_account_when_asked_for_them()
    {
        var drawn = Parse.Ok(Three + "nemesis { end = 2h, interval = 10m, faults = [econ.withdraw-race] }\n")
            .Steps.OfType<ScenarioStep.Chaos>().Select(s => s.Fault).SkipLast(1).ToList();
        Assert.NotEmpty(drawn);
        Assert.All(drawn, f => Assert.Equal("alice", Assert.IsType<ChaosSpec.EconWithdrawRace>(f).Account));
        Assert.Equal(["juno", "stars"], drawn.Cast<ChaosSpec.EconWithdrawRace>().Select(r => r.Consumer).Distinct().Order());
    }
}
