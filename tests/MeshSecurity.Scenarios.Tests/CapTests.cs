using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>A link's `cap` and `over-cap`, and `action = set-cap`: what they read, and a located error for each misuse.</summary>
public sealed class CapTests
{
    private const string SetCap = "{ at = 5m, action = set-cap, provider = osmosis, consumer = juno, cap = 500 }";

    private static string WithLink(string more) =>
        Parse.Base.Replace("staking-funds = 1000", "staking-funds = 1000, " + more, StringComparison.Ordinal);

    [Fact]
    public void A_link_without_a_cap_keeps_the_seeds_behaviour()
    {
        var link = Assert.Single(Parse.Ok(Parse.Base).Links);
        Assert.Null(link.Cap);
        Assert.Equal(OverCapPolicy.Fail, link.OverCap);
    }

    [Theory]
    [InlineData("success: an amount is a fixed cap", "cap = 700", "fixed", "700", "fail")]
    [InlineData("success: a coin of the consumer's denom", "cap = \"700ujuno\", over-cap = normalise", "fixed", "700", "normalise")]
    [InlineData("success: a percentage is a bonded share", "cap = \"10%\", over-cap = normalise", "fraction", "0.1", "normalise")]
    [InlineData("success: a percentage with decimals", "cap = \"12.5%\"", "fraction", "0.125", "fail")]
    [InlineData("success: a zero cap", "cap = 0, over-cap = fail", "fixed", "0", "fail")]
    public void A_link_reads_its_cap_and_over_cap_policy(string label, string keys, string kind, string value, string overCap)
    {
        Assert.NotEmpty(label);
        var link = Assert.Single(Parse.Ok(WithLink(keys)).Links);
        CapPolicy expected = kind == "fixed" ? new CapPolicy.Fixed(Amount.Parse(value)) : new CapPolicy.Fraction(Dec.Parse(value));
        Assert.Equal(expected, link.Cap);
        Assert.Equal(overCap == "fail" ? OverCapPolicy.Fail : OverCapPolicy.Normalise, link.OverCap);
    }

    [Theory]
    [InlineData("failure: a fraction of a token", "cap = \"1.5\"", "cap", "links[0].cap", "no fractions or exponents")]
    [InlineData("failure: another chain's denom", "cap = \"10uosmo\"", "cap", "links[0].cap", "the denom must be ujuno")]
    [InlineData("failure: a whole chain", "cap = \"100%\"", "cap", "links[0].cap", "expected a share below 100%")]
    [InlineData("failure: too many decimals", "cap = \"0.00000000000000001%\"", "cap", "links[0].cap", "at most 16 decimals")]
    [InlineData("failure: not a number", "cap = lots", "cap", "links[0].cap", "or a share of the chain's bonded stake like \"10%\"")]
    [InlineData("failure: a misspelt policy", "cap = 1, over-cap = normalize", "over-cap", "links[0].over-cap",
        "did you mean \"normalise\"")]
    [InlineData("failure: a misspelt key", "cpa = 1", "cpa", "links[0].cpa", "did you mean \"cap\"")]
    public void A_misused_cap_is_a_located_error(string label, string keys, string at, string key, string message)
    {
        Assert.NotEmpty(label);
        Parse.SingleAt(WithLink(keys), 6, at, key, message);
    }

    [Fact]
    public void A_set_cap_step_reads_the_link_and_the_cap()
    {
        var step = Assert.IsType<ScenarioStep.SetCap>(Assert.Single(Parse.Ok(Parse.WithStep(SetCap)).Steps));
        Assert.Equal(new ScenarioStep.SetCap(Duration.FromMinutes(5), "osmosis", "juno", new CapPolicy.Fixed(new Amount(500))),
            step with { Location = SourceLocation.None });
    }

    [Theory]
    [InlineData(", cap = 500", "", "{", "steps[0].cap", "missing required key \"cap\"")]
    [InlineData("cap = 500", "cap = \"-1\"", "cap =", "steps[0].cap", "amounts cannot be negative")]
    [InlineData("consumer = juno", "consumer = osmosis", "consumer", "steps[0].consumer", "no link from osmosis to osmosis")]
    public void A_misused_set_cap_step_is_a_located_error(string find, string replace, string at, string key, string message)
    {
        Parse.SingleAt(Parse.WithStep(SetCap.Replace(find, replace, StringComparison.Ordinal)), 8, at, key, message);
    }
}
