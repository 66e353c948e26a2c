using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;
using Step = MeshSecurity.Scenarios.Model.ScenarioStep;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Closing a link's mesh channel, reopening it through the relayer's handshake, and reading channel states: what each
/// step and reading parses to, every misuse a located error, and a reopen the contracts refuse failing its step.
/// </summary>
public sealed class ChannelStepTests
{
    [Theory]
    [InlineData("", LinkSide.Provider, "osmosis")]
    [InlineData(", side = consumer", LinkSide.Consumer, "juno")]
    public void Close_channel_closes_the_providers_end_unless_a_side_is_named(string side, LinkSide expected, string chain)
    {
        var step = Assert.Single(Parse.Ok(Parse.WithStep(
            "{ at = 5m, action = close-channel, provider = osmosis, consumer = juno" + side + " }")).Steps);
        var close = Assert.IsType<Step.CloseChannel>(step);
        Assert.Equal((expected, chain), (close.Side, close.Chain));
    }

    [Fact]
    public void A_channel_state_reads_one_end_or_both_of_either_channel()
    {
        var s = Parse.Ok(Parse.Base + "expect = [\n" +
                         "  { at = 5m, what = channel-state, provider = osmosis, consumer = juno, equals = closed }\n" +
                         "  { at = 5m, what = channel-state, provider = osmosis, consumer = juno, channel = transfer, side = consumer, " +
                         "equals = try-open }\n" +
                         "]\n");
        var both = Assert.IsType<Expectation.ChannelStateOf>(s.Expectations[0]);
        Assert.Equal((PacketChannel.Mesh, (LinkSide?)null, "closed"), (both.Channel, both.Side, both.ExpectedState));
        var one = Assert.IsType<Expectation.ChannelStateOf>(s.Expectations[1]);
        Assert.Equal((PacketChannel.Transfer, (LinkSide?)LinkSide.Consumer, "try-open"), (one.Channel, one.Side, one.ExpectedState));
    }

    /// <summary>Rows: the step or expectation (line 8, from column 3), where the error is, its key, a fragment.</summary>
    public static TheoryData<string, string, string, string, bool> Misuses => new()
    {
        { "{ at = 5m, action = close-channel, provider = osmosis, consumer = juno, side = consumr }", "side", "steps[0].side",
            "did you mean \"consumer\"?", true },
        { "{ at = 5m, action = close-channel, provider = juno, consumer = osmosis }", "consumer", "steps[0].consumer",
            "no link from juno to osmosis", true },
        { "{ at = 5m, action = close-channel, provider = osmosis, consumer = juno, channel = transfer }", "channel = transfer",
            "steps[0].channel", "unknown key \"channel\"", true },
        { "{ at = 5m, action = reopen-channel, provider = osmosis, consumer = juno, expect-error = ChannelExists }", "expect-error",
            "steps[0].expect-error", "it submits no transaction", true },
        { "{ at = 5m, what = channel-state, provider = osmosis, consumer = juno, equals = opne }", "equals", "expect[0].equals",
            "unknown channel state \"opne\" (did you mean \"open\"?)", false },
        { "{ at = 5m, what = channel-state, provider = osmosis, consumer = juno }", "{", "expect[0].equals",
            "missing required key \"equals\"", false },
        { "{ at = 5m, what = channel-state, provider = osmosis, consumer = juno, side = both, equals = open }", "side", "expect[0].side",
            "unknown side \"both\"; expected one of: provider, consumer", false },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string text, string at, string key, string fragment, bool step)
    {
        var column = 3 + text.IndexOf(at, StringComparison.Ordinal);
        Parse.Has(Parse.Errors(step ? Parse.WithStep(text) : Parse.WithExpect(text)), 8, column, key, fragment);
    }

    [Fact]
    public async Task A_reopen_while_the_channel_is_open_is_refused_by_the_provider_and_fails_its_step()
    {
        var report = await Runs.Of(Parse.WithStep("{ at = 1m, action = reopen-channel, provider = osmosis, consumer = juno }") +
                                   "expect = [ { at = 10m, what = channel-state, provider = osmosis, consumer = juno, equals = open } ]\n");

        var step = Assert.Single(report.Steps);
        Assert.False(step.Ok);
        Assert.Contains("ChannelExists", step.Outcome, StringComparison.Ordinal);
        Assert.Equal((false, 1), (report.Result.Ok, report.Result.FailedSteps));
        Assert.True(Assert.Single(report.Expectations).Ok, "the link keeps its open channel");
    }
}
