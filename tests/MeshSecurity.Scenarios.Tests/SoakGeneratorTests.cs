using MeshSecurity.Scenarios.Generation;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The scenario `meshsec soak` generates (docs/chaos.md, "Soak"): by default its nemesis draws from every fault family,
/// the faults that retire validators are placed once each on chains of their own, and some links have the price feed a
/// price shock needs. Parsing only: the soak's run is the CLI's test.
/// </summary>
public sealed class SoakGeneratorTests
{
    private static readonly string[] Families = ["net", "relayer", "chain", "validator", "ibc", "econ"];

    private static List<ScenarioStep.Chaos> Faults(Scenario s) => [.. s.Steps.OfType<ScenarioStep.Chaos>()];

    [Fact]
    public void The_default_soak_injects_every_fault_family_and_each_retiring_fault_once_on_chains_of_their_own()
    {
        var scenario = Parse.Ok(SoakGenerator.Generate(new SoakOptions(20, 2000, "1")));

        var faults = Faults(scenario);
        var drawn = faults.Where(f => f.Source == "nemesis" && f.Fault.Name != "heal").ToList();
        Assert.Equal(Families.Order(), drawn.Select(f => f.Fault.Name.Split('.')[0]).Distinct().Order());
        Assert.True(drawn.Count >= 50, $"{drawn.Count} faults drawn");
        var placed = faults.Where(f => f.Source != "nemesis").Select(f => f.Fault).ToList();
        Assert.Equal(SoakGenerator.RetiringFaults, placed.Select(f => f.Name));
        // a retired validator's chain keeps two of its three validators: no other retirement or double-sign touches it
        var doubleSigns = scenario.Steps.OfType<ScenarioStep.DoubleSign>().Select(d => d.Chain);
        var chains = placed.SelectMany(f => f.Chains).Concat(doubleSigns).ToList();
        Assert.Equal(chains.Count, chains.Distinct().Count());
        // a price shock needs a link with a price feed: every fourth link has one
        Assert.Equal(scenario.Links.Length / 4, scenario.Links.Count(l => l.Price is not null));
    }

    [Fact]
    public void Every_soak_has_a_link_with_a_price_for_its_price_shocks_however_few_its_links()
    {
        foreach (var seed in Enumerable.Range(0, 20).Select(i => $"few-{i}"))
        {
            var scenario = Parse.Ok(SoakGenerator.Generate(new SoakOptions(3, 100, seed)));
            Assert.Equal(Math.Max(1, scenario.Links.Length / 4), scenario.Links.Count(l => l.Price is not null));
        }
    }

    [Theory]
    [InlineData("net.loss,validator.tombstone", "net.loss", "validator.tombstone")]
    [InlineData("relayer.stop,econ.price-shock", "relayer.stop,econ.price-shock", "")]
    public void Listed_faults_are_the_only_ones_injected(string listed, string drawnFaults, string placedFaults)
    {
        var scenario = Parse.Ok(SoakGenerator.Generate(new SoakOptions(8, 1000, "listed", listed.Split(','))));

        var faults = Faults(scenario).Where(f => f.Fault.Name != "heal").ToList();
        Assert.Equal(drawnFaults.Split(',').Order(), faults.Where(f => f.Source == "nemesis").Select(f => f.Fault.Name).Distinct().Order());
        Assert.Equal(placedFaults.Split(',', StringSplitOptions.RemoveEmptyEntries),
            faults.Where(f => f.Source != "nemesis").Select(f => f.Fault.Name));
    }

    [Fact]
    public void A_list_of_retiring_faults_alone_is_refused_saying_the_nemesis_needs_one_to_draw()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            SoakGenerator.Generate(new SoakOptions(8, 1000, "x", ["validator.tombstone", "econ.slash-storm"])));
        Assert.StartsWith("faults must list one the nemesis draws besides validator.double-sign", ex.Message, StringComparison.Ordinal);
    }
}
