using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// <c>relayer.min-latency</c>: the floor of a link's relayer latency, which is the time keeper's lookahead. Constant and
/// uniform latencies imply it, a lognormal's draws are clamped to it; what contradicts the latency is a located error.
/// </summary>
public sealed class MinLatencyTests
{
    /// <summary>The base scenario whose link has these relayer settings (line 6; the settings start at column 103).</summary>
    private static string Relayer(string settings) =>
        Parse.Base.Replace("staking-funds = 1000 }", "staking-funds = 1000, relayer { " + settings + " } }", StringComparison.Ordinal);

    private static LatencySpec LatencyOf(string text) => Assert.Single(Parse.Ok(text).Links).Relayer.Latency;

    private static readonly Dec Half = Dec.Parse("0.5");

    private static LatencySpec.LogNormal LogNormal(string mean, string min) => new(Duration.Parse(mean), Half, Duration.Parse(min));

    public static TheoryData<string, string, LatencySpec, string> Read => new()
    {
        // name, the link's text after "staking-funds = 1000", the latency, its floor
        { "no relayer: seconds, at least 1s", "", LogNormal("3s", "1s"), "1s" },
        { "a relayer with no latency", ", relayer { batch-size = 5 }", LogNormal("3s", "1s"), "1s" },
        { "the default latency with its own floor", ", relayer { min-latency = 2s }", LogNormal("3s", "2s"), "2s" },
        { "the default latency with no floor", ", relayer { min-latency = 0s }", LogNormal("3s", "0s"), "0s" },
        { "dotted", ", relayer.min-latency = 2500ms", LogNormal("3s", "2500ms"), "2500ms" },
        { "a slow lognormal: 1s", ", relayer.latency { kind = lognormal, mean = 30s, spread = \"0.5\" }", LogNormal("30s", "1s"), "1s" },
        { "a fast lognormal: half its mean", ", relayer.latency { kind = lognormal, mean = 1s, spread = \"0.5\" }",
            LogNormal("1s", "500ms"), "500ms" },
        { "a lognormal floored at its mean", ", relayer { min-latency = 2s, latency { kind = lognormal, mean = 2s, spread = \"0.5\" } }",
            LogNormal("2s", "2s"), "2s" },
        { "a lognormal with no floor", ", relayer { min-latency = 0, latency { kind = lognormal, mean = 2s, spread = \"0.5\" } }",
            LogNormal("2s", "0s"), "0s" },
        { "a constant: its value", ", relayer.latency { kind = constant, value = 2s }", new LatencySpec.Constant(Duration.FromSeconds(2)),
            "2s" },
        { "a constant restated", ", relayer { min-latency = 2s, latency { kind = constant, value = 2s } }",
            new LatencySpec.Constant(Duration.FromSeconds(2)), "2s" },
        { "a constant undercut: still its value", ", relayer { min-latency = 1s, latency { kind = constant, value = 2s } }",
            new LatencySpec.Constant(Duration.FromSeconds(2)), "2s" },
        { "zero, explicitly", ", relayer.latency { kind = constant, value = 0s }", LatencySpec.Zero, "0s" },
        { "a uniform: its min", ", relayer { min-latency = 1500ms, latency { kind = uniform, min = 1500ms, max = 5s } }",
            new LatencySpec.Uniform(Duration.Parse("1500ms"), Duration.FromSeconds(5)), "1500ms" },
    };

    [Theory]
    [MemberData(nameof(Read))]
    public void The_floor_is_read_or_implied(string name, string link, LatencySpec latency, string floor)
    {
        var read = LatencyOf(Parse.Base.Replace("staking-funds = 1000 }", "staking-funds = 1000" + link + " }", StringComparison.Ordinal));
        Assert.True(latency == read, $"{name}: expected {latency}, got {read}");
        Assert.Equal(Duration.Parse(floor), read.Floor);
        // the emulator's model has the same floor, to the nanosecond
        Assert.Equal(read.Floor.Nanos, read.ToLatencyModel().FloorNanos);
    }

    public static TheoryData<string, string, int, int, string, string> Refused => new()
    {
        // name, text, line, column, key, message fragment
        { "above a constant", Relayer("min-latency = 3s, latency { kind = constant, value = 2s }"), 6, 105, "links[0].relayer.min-latency",
            "expected a min-latency of at most the constant latency's value (2s), got 3s: a constant relayer always takes 2s" },
        { "above a uniform's min", Relayer("min-latency = 1001ms, latency { kind = uniform, min = 1s, max = 5s }"), 6, 105,
            "links[0].relayer.min-latency",
            "expected a min-latency of at most the uniform latency's min (1s), got 1s1ms: that min is the floor already" },
        { "above a lognormal's mean", Relayer("min-latency = 4s, latency { kind = lognormal, mean = 3s, spread = \"0.5\" }"), 6, 105,
            "links[0].relayer.min-latency",
            "expected a min-latency of at most the lognormal latency's mean (3s), got 4s: draws below the min-latency are raised to it" },
        { "above the default latency's mean", Relayer("min-latency = 5s"), 6, 105, "links[0].relayer.min-latency",
            "expected a min-latency of at most the mean of the default latency (3s, lognormal), got 5s: give a latency with a longer " +
            "mean" },
        { "not a duration", Relayer("min-latency = fast"), 6, 105, "links[0].relayer.min-latency", "expected a duration like \"6s\"" },
        { "negative", Relayer("min-latency = -1s"), 6, 105, "links[0].relayer.min-latency", "a duration cannot be negative" },
        { "beyond 100 years", Relayer("min-latency = 36501d"), 6, 105, "links[0].relayer.min-latency", "at most 36500d" },
        { "a floor too slow for the set-up's handshake",
            Relayer("min-latency = 20m, latency { kind = lognormal, mean = 1h, spread = \"0.5\" }"),
            6, 105, "links[0].relayer.min-latency",
            "the relayer takes at least 20m per message, so a channel handshake (3 messages one after another) cannot finish" },
        { "a lognormal whose every draw is too slow for the handshake, whatever its floor",
            Relayer("latency { kind = lognormal, mean = 30m, spread = \"0\" }"), 6, 133, "links[0].relayer.latency.mean",
            "the relayer takes at least 30m per message" },
        { "a floor no packet lifetime outlasts",
            Parse.Base.Replace("staking-funds = 1000 }", "staking-funds = 1000, packet-lifetime = 10s, " +
            "relayer { min-latency = 10s, latency { kind = lognormal, mean = 20s, spread = \"0.5\" } } }", StringComparison.Ordinal),
            6, 95, "links[0].packet-lifetime",
            "a packet lifetime of 10s can never be met: the relayer takes at least 10s and both chains make a block every 6s, so a " +
            "packet sent at t is received at t + 12s or later" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_floor_that_contradicts_the_latency_is_a_located_error(string name, string text, int line, int column, string key,
        string fragment)
    {
        var errors = Parse.Errors(text);
        Assert.True(errors.Count == 1, $"{name}: expected one error, got:\n{string.Join("\n", errors)}");
        Parse.At(errors[0], line, column, key, fragment);
    }

    [Fact]
    public void The_default_floor_of_a_lognormal_is_1s_or_half_its_mean()
    {
        Assert.Equal(Duration.FromSeconds(1), LatencySpec.DefaultMinOf(Duration.FromSeconds(2)));
        Assert.Equal(Duration.FromSeconds(1), LatencySpec.DefaultMinOf(Duration.FromMinutes(10)));
        Assert.Equal(Duration.Parse("999999999ns"), LatencySpec.DefaultMinOf(Duration.Parse("1999999999ns")));
        Assert.Equal(Duration.Parse("25ms"), LatencySpec.DefaultMinOf(Duration.Parse("50ms")));
        Assert.Equal(Duration.Zero, LatencySpec.DefaultMinOf(Duration.Zero));
    }
}
