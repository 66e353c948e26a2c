using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

public sealed class LinkSectionTests
{
    private static string WithLinks(string links) =>
        Parse.Base.Replace("links = [ { provider = osmosis, consumer = juno, exchange-rate = \"0.5\", staking-funds = 1000 } ]\n", links, StringComparison.Ordinal);

    [Fact]
    public void Every_key_is_read()
    {
        var s = Parse.Ok(WithLinks("""
            links = [
              {
                provider = osmosis
                consumer = juno
                exchange-rate = "0.125"
                staking-funds = "5000ujuno"
                packet-lifetime = 30m
                ordering = ordered
                profile = prototype-2022
                relayer {
                  latency { kind = lognormal, mean = 3s, spread = "0.5" }
                  min-latency = 1500ms
                  batch-size = 7
                  max-clock-drift = 2m
                }
              }
            ]
            """));
        var l = Assert.Single(s.Links);
        Assert.Equal("osmosis", l.Provider);
        Assert.Equal("juno", l.Consumer);
        Assert.Equal(Dec.Parse("0.125"), l.ExchangeRate);
        Assert.Equal((Amount)5000, l.StakingFunds);
        Assert.Equal(Duration.FromMinutes(30), l.PacketLifetime);
        Assert.Equal(IbcOrder.Ordered, l.Ordering);
        Assert.Equal(LinkProfile.Prototype2022, l.Profile);
        Assert.Equal(new RelayerSettings(new LatencySpec.LogNormal(Duration.FromSeconds(3), Dec.Parse("0.5"), Duration.Parse("1500ms")), 7,
                Duration.FromMinutes(2)),
            l.Relayer);
        Assert.Equal(new SourceLocation(Parse.File, 7, 3, "links[0]"), l.Location);
    }

    [Fact]
    public void Defaults()
    {
        var l = Assert.Single(Parse.Ok(Parse.Base).Links);
        Assert.Equal(Duration.FromHours(1), l.PacketLifetime);
        Assert.Equal(IbcOrder.Unordered, l.Ordering);
        Assert.Equal(LinkProfile.Intended, l.Profile);
        Assert.Equal(RelayerSettings.Default, l.Relayer);
        // a relayer takes seconds, as real ones do, and never less than 1s: the time keeper's windows span that second
        Assert.Equal(new LatencySpec.LogNormal(Duration.FromSeconds(3), Dec.Parse("0.5"), Duration.FromSeconds(1)), l.Relayer.Latency);
        Assert.Equal(30, l.Relayer.BatchSize);
        Assert.Null(l.Relayer.MaxClockDrift); // the relayer's: ChannelSpec.DefaultMaxClockDriftSeconds
    }

    [Theory]
    [InlineData("0s", "expected a whole number of seconds, from 1s to 1d, got 0s")]
    [InlineData("1500ms", "expected a whole number of seconds, from 1s to 1d, got 1s500ms")]
    [InlineData("2d", "expected a whole number of seconds, from 1s to 1d, got 2d")]
    [InlineData("fast", "expected a duration like \"6s\"")]
    public void A_max_clock_drift_is_whole_seconds_from_one_second_to_a_day(string value, string fragment)
    {
        var text = Parse.Base.Replace("staking-funds = 1000 }", $"staking-funds = 1000, relayer {{ max-clock-drift = {value} }} }}",
            StringComparison.Ordinal);
        Parse.SingleAt(text, 6, "max-clock-drift", "links[0].relayer.max-clock-drift", fragment);
    }

    [Fact]
    public void Latency_kinds()
    {
        LatencySpec Latency(string spec) =>
            Assert.Single(Parse.Ok(WithLinks($"links = [ {{ provider = osmosis, consumer = juno, exchange-rate = 1, staking-funds = 1, relayer {{ latency {spec} }} }} ]\n")).Links).Relayer.Latency;

        Assert.Equal(new LatencySpec.Constant(Duration.Parse("250ms")), Latency("{ kind = constant, value = 250ms }"));
        Assert.Equal(new LatencySpec.Uniform(Duration.FromSeconds(1), Duration.FromSeconds(5)), Latency("{ kind = uniform, min = 1s, max = 5s }"));
        Assert.Equal(new LatencySpec.LogNormal(Duration.FromSeconds(2), Dec.Parse("0.3"), Duration.FromSeconds(1)),
            Latency("{ kind = lognormal, mean = 2s, spread = \"0.3\" }"));
    }

    [Fact]
    public void Dotted_keys_reach_the_latency()
    {
        var l = Assert.Single(Parse.Ok(WithLinks(
            "links = [ { provider = osmosis, consumer = juno, exchange-rate = 1, staking-funds = 1, relayer.latency.kind = constant, relayer.latency.value = 2s } ]\n")).Links);
        Assert.Equal(new LatencySpec.Constant(Duration.FromSeconds(2)), l.Relayer.Latency);
    }

    [Fact]
    public void Latency_converts_to_the_emulator_model()
    {
        Assert.Equal(new LatencyModel.Uniform(0.5, 2), new LatencySpec.Uniform(Duration.Parse("500ms"), Duration.FromSeconds(2)).ToLatencyModel());
        Assert.Equal(new LatencyModel.LogNormal(3, 0.25, 1.5),
            new LatencySpec.LogNormal(Duration.FromSeconds(3), Dec.Parse("0.25"), Duration.Parse("1500ms")).ToLatencyModel());
    }

    [Fact]
    public void Both_directions_are_distinct_links()
    {
        var s = Parse.Ok(WithLinks("""
            links = [
              { provider = osmosis, consumer = juno, exchange-rate = 1, staking-funds = 1 }
              { provider = juno, consumer = osmosis, exchange-rate = 1, staking-funds = 1 }
            ]
            """));
        Assert.Equal(["osmosis -> juno", "juno -> osmosis"], s.Links.Select(l => l.ToString()));
        Assert.NotNull(s.Link("juno", "osmosis"));
        Assert.Single(s.LinksInto("juno"));
        Assert.Single(s.LinksFrom("juno"));
    }

    [Fact]
    public void Links_are_optional()
    {
        Assert.Empty(Parse.Ok(WithLinks("")).Links);
    }
}
