using System.Text.RegularExpressions;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>docs/scenarios.md stays true: its HOCON examples form a valid scenario, and it documents every key.</summary>
public sealed partial class DocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "scenarios.md"));

    [GeneratedRegex("```hocon\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex HoconBlock();

    [Fact]
    public void The_examples_of_the_reference_parse_together()
    {
        var text = string.Join("\n", HoconBlock().Matches(Doc).Select(m => m.Groups[1].Value));
        var s = Parse.Ok(text);
        // the last steps list written (a later list replaces an earlier one), and the nemesis' draws
        Assert.Equal(18, s.Steps.Count(x => x is not Model.ScenarioStep.Chaos { Source: "nemesis" }));
        Assert.True(s.Steps.Count(x => x is Model.ScenarioStep.Chaos { Source: "nemesis" }) > 10);
        Assert.Equal(12, s.Expectations.Length);
    }

    [Fact]
    public void The_chaos_steps_example_parses_on_a_link_from_osmosis_to_juno()
    {
        var section = Doc[Doc.IndexOf("### Chaos steps", StringComparison.Ordinal)..];
        var steps = Parse.Ok(Parse.Base + HoconBlock().Match(section).Groups[1].Value).Steps;
        Assert.Equal(["net.partition", "net.loss", "relayer.lag", "relayer.crash", "heal"],
            steps.Cast<Model.ScenarioStep.Chaos>().Select(c => c.Fault.Name));
    }

    [Fact]
    public void Every_action_and_expectation_kind_is_documented()
    {
        foreach (var action in ScenarioBuilder.StepKeys.Keys) Assert.Contains($"| `{action}` |", Doc, StringComparison.Ordinal);
        foreach (var what in ScenarioBuilder.ExpectKeys.Keys) Assert.Contains($"| `{what}` |", Doc, StringComparison.Ordinal);
        foreach (var fault in ScenarioBuilder.ChaosKeys.Keys) Assert.Contains($"| `{fault}` |", Doc, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name", "description", "seed", "speed", "duration", "genesis-time")]
    [InlineData("id", "prefix", "denom", "block-time", "block-time-jitter", "unbonding-period", "max-validators",
        "reward-per-block", "reward-rate", "double-sign-slash", "power-reduction", "validators", "accounts", "epoch",
        "local-min-power")]
    [InlineData("provider", "consumer", "exchange-rate", "staking-funds", "packet-lifetime", "ordering", "profile", "relayer", "latency",
        "min-latency", "batch-size", "slash-fraction")]
    [InlineData("expect-error", "contract", "chain", "address", "msg", "path", "equals", "contains", "error", "id", "same-as", "changed-by",
        "since", "sender", "funds")]
    [InlineData("expect-events", "data", "expect-ack", "ack-error", "direction", "kind", "count")]
    [InlineData("fixtures", "deploy", "refuse-claims", "consumers", "fixture", "as", "side")]
    [InlineData("nemesis", "chaos", "for", "delay", "fraction", "chains", "groups", "start", "end", "interval", "fault-duration", "faults",
        "max-lag", "max-loss", "quiet")]
    public void Every_key_is_documented(params string[] keys)
    {
        foreach (var key in keys) Assert.Contains($"| `{key}` |", Doc, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_kind_is_listed_under_its_codespace()
    {
        foreach (var group in Model.ErrorKinds.All.GroupBy(i => i.Codespace))
        {
            var row = Doc.Split('\n').SingleOrDefault(l => l.StartsWith($"| `{group.Key}` |", StringComparison.Ordinal)
                                                            && group.Any(k => l.Contains(k.Kind, StringComparison.Ordinal)));
            Assert.True(row is not null, $"no row for the codespace {group.Key}");
            foreach (var kind in group) Assert.Matches($"[ |]{kind.Kind}[,| ]", row);
        }
    }

    [Fact]
    public void The_error_sample_is_what_the_parser_prints()
    {
        var errors = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(Samples.ManyErrors, "my.conf")).Errors.Select(e => e.ToString()).ToList();
        var sample = Doc.Split("## Errors")[1].Split("```")[1].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, sample.Length);
        Assert.All(sample, line => Assert.Contains(line, errors));
    }
}
