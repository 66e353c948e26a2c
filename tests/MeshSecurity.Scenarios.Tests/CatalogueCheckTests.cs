using MeshSecurity.Core.Invariants;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The report's checks are the invariant catalogue's (<see cref="MeshInvariants"/>): every one is listed, each holds on
/// an example, and under <c>profile = prototype-2022</c> they catch the 2022 code's defects, saying on which chain, at
/// which block and in which window of the run the breach showed.
/// </summary>
public sealed class CatalogueCheckTests
{
    [Fact]
    public async Task The_report_lists_every_check_of_the_catalogue_and_all_hold_on_the_claims_example()
    {
        var report = await SlashCheckTests.Run(Examples.Text("claims.conf"));

        Assert.Equal(ScenarioRunner.InvariantNames, report.Invariants.Select(i => i.Name));
        Assert.Contains(MeshInvariants.ClaimEqualsExposure, ScenarioRunner.InvariantNames);
        Assert.Contains(MeshInvariants.NoPanic, ScenarioRunner.InvariantNames);
        Assert.All(report.Invariants, i => Assert.True(i.Ok, $"{i.Name}: {i.Detail}"));
    }

    [Fact]
    public void Docs_report_md_names_every_check_in_the_reports_order()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "report.md"));
        var row = doc.Split('\n').Single(l => l.StartsWith("| `invariants[]` |", StringComparison.Ordinal));
        var at = ScenarioRunner.InvariantNames.Select(n => row.IndexOf(n.Split(" (")[0], StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, at);
        Assert.Equal(at.Order(), at);
    }

    [Fact]
    public async Task Under_prototype_2022_an_unbond_that_slashes_the_matured_claim_leaves_claims_over_bonded()
    {
        // B1: the 2022 provider answers unbond-claims with slash_claim, which takes the 700 out of bonded too, and more
        var text = Examples.Text("claims.conf").Replace("staking-funds = 1000000000 }",
            "staking-funds = 1000000000, profile = prototype-2022 }", StringComparison.Ordinal);
        var report = await SlashCheckTests.Run(text);

        var coverage = report.Invariants.Single(i => i.Name == MeshInvariants.LockupCoverage);
        Assert.False(coverage.Ok);
        // unbond-claims ran at 1h25m and the next step is at 1h30m: the breach shows in the clock's window after the step
        Assert.Matches(@"^osmosis@\d+ \(1h25m30s\), between 1h25m and 1h25m31s500ms: alice has a claim of 500000000 over bonded 0$",
            coverage.Detail);
        Assert.False(report.Result.Ok);
    }

    [Fact]
    public async Task A_breach_in_a_long_gap_without_steps_is_caught_in_the_window_it_happens_in()
    {
        // D2: the 2022 provider answers a stake that timed out with slash_claim, which takes the 700 out of bonded too; the
        // stake is lost at 6m and times out an hour later, when no step runs (the next reading is at 2h50m)
        var report = await SlashCheckTests.Run(
            "scenario { name = gap, seed = 7, duration = 3h }\n" +
            "chains = [\n" +
            "  { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = osmo-val-1, stake = 10000000000 } ]\n" +
            "    accounts = [ { name = alice, balance = \"2000000000uosmo\" } ] }\n" +
            "  { id = juno, prefix = juno, denom = ujuno, validators = [ { name = juno-val-1, stake = 10000000000 } ] }\n" +
            "  { id = stars, prefix = stars, denom = ustars, validators = [ { name = stars-val-1, stake = 10000000000 } ] }\n" +
            "]\n" +
            "links = [\n" +
            "  { provider = osmosis, consumer = juno, exchange-rate = \"1\", staking-funds = 1000000000, profile = prototype-2022 }\n" +
            "  { provider = osmosis, consumer = stars, exchange-rate = \"1\", staking-funds = 1000000000, profile = prototype-2022 }\n" +
            "]\n" +
            "steps = [\n" +
            "  { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000000000 }\n" +
            "  { at = 5m, chaos = net.loss, provider = osmosis, consumer = juno, fraction = 1, for = 5m }\n" +
            "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = juno-val-1, " +
            "amount = 700000000 }\n" +
            "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = stars, validator = stars-val-1, " +
            "amount = 500000000 }\n" +
            "]\n" +
            "expect = [ { at = 2h50m, what = lockup-bonded, chain = osmosis, account = alice, equals = 300000000 } ]\n");

        var coverage = report.Invariants.Single(i => i.Name == MeshInvariants.LockupCoverage);
        Assert.False(coverage.Ok);
        // the window is one slice of the clock (a 200th of the run, 54 s), not the gap from the last step to the reading
        Assert.Matches(@"^osmosis@\d+ \(1h6m42s\), between 1h5m48s and 1h6m42s: alice has a claim of 500000000 over bonded 300000000$",
            coverage.Detail);
    }
}
