using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;
using static MeshSecurity.Scenarios.Tests.ChaosStepTests;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// econ.withdraw-race (docs/chaos.md, "Economic faults"): what it parses to, its misuses, and races in both orders whose
/// winners the lockup's rule decides, counted in the report, with every invariant holding.
/// </summary>
public sealed class EconFaultTests
{
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
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string text, string at, string key, string fragment) =>
        Parse.Single(WithSteps(text), 12, 3 + text.IndexOf(at, StringComparison.Ordinal), key, fragment);

    [Fact]
    public async Task Races_in_both_orders_leave_one_winner_unless_the_stake_reuses_held_collateral_and_the_report_counts_them()
    {
        var text = await File.ReadAllTextAsync(Examples.PathOf("econ-faults.conf"));

        var report = await Runs.Of(text);
        // another seed draws other orders: here the withdrawal goes first in every race
        var reseeded = await Runs.Of(text.Replace("duration = 40m", "duration = 40m, seed = races", StringComparison.Ordinal));

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
