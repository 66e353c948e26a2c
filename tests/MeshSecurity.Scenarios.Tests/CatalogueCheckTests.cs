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
        // unbond-claims ran at 1h25m and the next check was at 1h30m: the breach is in that window, on osmosis
        Assert.Matches(@"^osmosis@\d+ \([^)]+\), between 1h25m and 1h30m: alice has a claim of 500000000 over bonded 0$", coverage.Detail);
        Assert.False(report.Result.Ok);
    }
}
