using System.Collections.Immutable;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// A validated scenario: settings, chains, links, steps and expectations, every name checked. Steps and expectations
/// are sorted stably by time (ties keep the file's order). <see cref="Speed"/> null runs as fast as possible;
/// <see cref="GenesisTime"/> null leaves the network's default.
/// </summary>
public sealed record Scenario(
    string Name,
    string? Description,
    string Seed,
    double? Speed,
    Duration Duration,
    Timestamp? GenesisTime,
    ImmutableArray<ScenarioChain> Chains,
    ImmutableArray<ScenarioLink> Links,
    ImmutableArray<ScenarioStep> Steps,
    ImmutableArray<Expectation> Expectations)
{
    public const string DefaultSeed = "mesh";

    /// <summary>How long the run lasts after the last step or expectation when the file gives no duration.</summary>
    public static readonly Duration DefaultTail = Duration.FromMinutes(10);

    /// <summary>The contracts declared as test fixtures, in file order (docs/scenarios.md, "fixtures").</summary>
    public ImmutableArray<ScenarioFixture> Fixtures { get; init; } = [];

    /// <summary>What the report's restaking risk section assumes (docs/scenarios.md, "risk").</summary>
    public RiskSpec Risk { get; init; } = RiskSpec.Default;

    public ScenarioFixture? Fixture(string name) => Fixtures.FirstOrDefault(f => f.Name == name);

    /// <summary>The file the scenario was read from, as given to the parser.</summary>
    public string File { get; init; } = "";

    public ScenarioChain Chain(string id) =>
        Chains.FirstOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"no chain {id} in scenario {Name}");

    public ScenarioLink? Link(string provider, string consumer) =>
        Links.FirstOrDefault(l => l.Provider == provider && l.Consumer == consumer);

    /// <summary>The links whose consumer is <paramref name="chain"/>, in file order.</summary>
    public IEnumerable<ScenarioLink> LinksInto(string chain) => Links.Where(l => l.Consumer == chain);

    /// <summary>The links whose provider is <paramref name="chain"/>, in file order.</summary>
    public IEnumerable<ScenarioLink> LinksFrom(string chain) => Links.Where(l => l.Provider == chain);
}
