using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>`action = slash` and a link's `slash-fraction`: what they read, and a located error for each misuse.</summary>
public sealed class SlashStepTests
{
    private const string Slash = "{ at = 5m, action = slash, provider = osmosis, consumer = juno, validator = jv, fraction = \"0.1\"";

    [Theory]
    [InlineData("", false, "5m")]
    [InlineData(", force-unbond = true", true, "5m")]
    [InlineData(", force-unbond = false, infraction-at = 2m", false, "2m")]
    [InlineData(", infraction-at = 5m", false, "5m")]
    public void A_slash_step_reads_its_fraction_force_unbond_and_infraction_time(string more, bool forceUnbond, string infraction)
    {
        var step = Assert.IsType<ScenarioStep.Slash>(Assert.Single(Parse.Ok(Parse.WithStep(Slash + more + " }")).Steps));
        var expected = new ScenarioStep.Slash(Duration.FromMinutes(5), "osmosis", "juno", "jv", Dec.Percent(10), forceUnbond,
            Duration.Parse(infraction));
        Assert.Equal(expected,
            step with { Location = SourceLocation.None });
    }

    /// <summary>Each row changes one thing in a valid slash step; the error points at the key that is wrong (line 8).</summary>
    [Theory]
    [InlineData("fraction = \"0.1\"", "fraction = \"0\"", "fraction", "steps[0].fraction", "above 0 and at most 1, got 0")]
    [InlineData("fraction = \"0.1\"", "fraction = \"1.5\"", "fraction", "steps[0].fraction", "above 0 and at most 1, got 1.5")]
    [InlineData("fraction = \"0.1\"", "fraction = ten", "fraction", "steps[0].fraction", "expected a decimal")]
    [InlineData(", fraction = \"0.1\"", "", "{", "steps[0].fraction", "missing required key \"fraction\"")]
    [InlineData("validator = jv,", "validator = jv3,", "validator", "steps[0].validator", "did you mean \"jv\"")]
    [InlineData("\"0.1\"", "\"0.1\", force-unbond = yes", "force-unbond", "steps[0].force-unbond", "expected one of: true, false")]
    [InlineData("\"0.1\"", "\"0.1\", force-unbond = ture", "force-unbond", "steps[0].force-unbond", "did you mean \"true\"")]
    [InlineData("\"0.1\"", "\"0.1\", infraction-at = 6m", "infraction-at", "steps[0].infraction-at",
        "the infraction must come at or before the slash (at = 5m), got 6m")]
    [InlineData("\"0.1\"", "\"0.1\", infration-at = 1m", "infration-at", "steps[0].infration-at", "did you mean \"infraction-at\"")]
    public void A_misused_slash_step_is_a_located_error(string find, string replace, string at, string key, string message)
    {
        Parse.SingleAt(Parse.WithStep((Slash + " }").Replace(find, replace, StringComparison.Ordinal)), 8, at, key, message);
    }

    [Fact]
    public void A_link_slash_fraction_defaults_to_the_slashers_5_percent_and_can_be_set()
    {
        Assert.Equal(Dec.Percent(5), Assert.Single(Parse.Ok(Parse.Base).Links).SlashFraction);
        var set = Parse.Base.Replace("staking-funds = 1000", "staking-funds = 1000, slash-fraction = \"0.2\"", StringComparison.Ordinal);
        Assert.Equal(Dec.Percent(20), Assert.Single(Parse.Ok(set).Links).SlashFraction);
    }

    [Theory]
    [InlineData("\"0\"", "expected a fraction above 0 and at most 1, got 0")]
    [InlineData("\"2\"", "expected a fraction above 0 and at most 1, got 2")]
    public void A_link_slash_fraction_out_of_range_is_a_located_error(string value, string message)
    {
        var text = Parse.Base.Replace("staking-funds = 1000", $"staking-funds = 1000, slash-fraction = {value}", StringComparison.Ordinal);
        Parse.SingleAt(text, 6, "slash-fraction", "links[0].slash-fraction", message);
    }
}
