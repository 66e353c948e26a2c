using System.Text.Json;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;
using static MeshSecurity.Scenarios.Tests.ChaosStepTests;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// relayer.race, net.latency and net.reorder (docs/chaos.md, "Network faults"): what each parses to and writes back, its
/// misuses as located errors, and runs that show the effect while it holds, effects applied once, and the recovery after.
/// </summary>
public sealed class NetFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshsec-net-faults-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("chaos = relayer.race, provider = osmosis, consumer = juno, for = 30m", "relayer.race osmosis->juno 2", "30m")]
    [InlineData("chaos = relayer.race, provider = osmosis, consumer = juno, relayers = 5", "relayer.race osmosis->juno 5", null)]
    [InlineData("chaos = net.latency, latency = { kind = constant, value = 40s }, for = 1h",
        "net.latency osmosis->juno,osmosis->stars constant 40s", "1h")]
    [InlineData("chaos = net.latency, provider = osmosis, consumer = stars, latency = { kind = uniform, min = 2s, max = 1m }",
        "net.latency osmosis->stars uniform 2s..1m", null)]
    [InlineData("chaos = net.latency, provider = osmosis, consumer = juno, latency = { kind = lognormal, mean = 20s, spread = \"0.5\" }, " +
        "min-latency = 5s", "net.latency osmosis->juno lognormal 20s 0.5 min 5s", null)]
    [InlineData("chaos = net.reorder, provider = osmosis, consumer = juno, for = 10m", "net.reorder osmosis->juno", "10m")]
    [InlineData("chaos = net.reorder, window = 30s", "net.reorder osmosis->juno,osmosis->stars 30s", null)]
    public void Each_fault_parses_to_what_it_does_and_writes_itself_back(string keys, string described, string? lasts) =>
        RoundTrips(keys, described, lasts);

    /// <summary>Rows: the step (line 12, from column 3), where the error is, its key, a fragment of the message.</summary>
    public static TheoryData<string, string, string, string> Misuses => new()
    {
        { "{ at = 5m, chaos = relayer.rcae, provider = osmosis, consumer = juno }", "chaos", "steps[0].chaos",
            "unknown fault \"relayer.rcae\" (did you mean \"relayer.race\"?)" },
        { "{ at = 5m, chaos = relayer.race, provider = osmosis, consumer = juno, relayers = 9 }", "relayers", "steps[0].relayers",
            "9" },
        { "{ at = 5m, chaos = net.latency, provider = osmosis, consumer = juno, latency = { kind = constant, value = 500ms } }",
            "latency = {", "steps[0].latency", "expected a latency that never draws below 1s" },
        { "{ at = 5m, chaos = net.latency, latency = { kind = lognormal, mean = 10s, spread = \"0.3\" }, min-latency = 100ms }",
            "min-latency", "steps[0].min-latency", "the smallest floor of the links' relayers (the emulator's lookahead)" },
        { "{ at = 5m, chaos = net.latency, latency = { kind = constnat, value = 5s } }", "kind", "steps[0].latency.kind",
            "(did you mean \"constant\"?)" },
        { "{ at = 5m, chaos = net.latency, provider = osmosis, consumer = juno }", "{", "steps[0].latency",
            "missing required key \"latency\"" },
        { "{ at = 5m, chaos = net.reorder, window = 0s }", "window", "steps[0].window", "expected a window above 0s" },
        { "{ at = 5m, chaos = net.reorder, provider = juno, consumer = osmosis }", "consumer", "steps[0].consumer",
            "no link from juno to osmosis" },
        { "{ at = 5m, chaos = net.reorder, provider = osmosis, consumer = juno, windwo = 5s }", "windwo", "steps[0].windwo",
            "(did you mean \"window\"?)" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string text, string at, string key, string fragment) =>
        Parse.Single(WithSteps(text), 12, 3 + text.IndexOf(at, StringComparison.Ordinal), key, fragment);

    private Task<(Reporting.RunReport Report, List<JsonElement> Events)> Run(string text) => RunInto(_dir, text);

    /// <summary>The mesh packets <paramref name="chain"/> received, in the order it received them: (time, sequence, tx id).</summary>
    private static List<(string Time, ulong Sequence, string Tx)> Receives(List<JsonElement> events, string chain) =>
    [
        .. events.Where(e => e.GetProperty("type").GetString() == "tx_executed" && e.GetProperty("chain").GetString() == chain)
            .SelectMany(e => e.GetProperty("events").EnumerateArray()
                .Where(x => x.GetProperty("type").GetString() == "recv_packet"
                    && x.GetProperty("attributes").GetProperty("packet_src_port").GetString()!
                        .StartsWith("wasm.", StringComparison.Ordinal))
                .Select(x => (e.GetProperty("time").GetString()!,
                    ulong.Parse(x.GetProperty("attributes").GetProperty("packet_sequence").GetString()!,
                        System.Globalization.CultureInfo.InvariantCulture),
                    e.GetProperty("tx").GetString()!))),
    ];

    [Fact]
    public async Task Racing_relayers_deliver_a_stake_once_the_chains_count_the_copies_and_one_relayer_relays_after()
    {
        var text = WithSteps(
                Bond,
                "{ at = 5m, chaos = relayer.race, provider = osmosis, consumer = juno, relayers = 3, for = 30m }",
                Stake("6m", "juno", "jv", 300000000),
                Stake("40m", "juno", "jv", 100000000)) +
            "expect = [\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 300000000 }\n" +
            "  { at = 20m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 300000000 }\n" +
            "  { at = 45m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 400000000 }\n" +
            "  { at = 45m, what = pending-packets, provider = osmosis, consumer = juno, equals = 0 }\n" +
            "]\n";

        var (report, events) = await Run(text);

        AllHold(report);
        // three relayers brought the stake and its ack: two copies of each were redundant; the stake after the race, none
        var redundant = Assert.Single(report.RedundantRelays!.Value);
        Assert.Equal(new Reporting.RunReport.RedundantRelayInfo("osmosis", "juno", 2, 2, 0), redundant);
        var receives = Receives(events, "juno").Where(r => r.Time != "-6s").ToList();
        Assert.Equal(2, receives.Count);
        Assert.DoesNotContain("/race", receives[1].Tx, StringComparison.Ordinal);
        Assert.Equal(("relayer.race osmosis->juno 3", "5m", "35m"), (report.Faults[0].Fault, report.Faults[0].From, report.Faults[0].To));
    }

    [Fact]
    public async Task Another_latency_delays_a_stake_while_it_holds_and_the_links_own_latency_applies_after()
    {
        var text = WithSteps(
                Bond,
                "{ at = 5m, chaos = net.latency, provider = osmosis, consumer = stars, latency = { kind = constant, value = 2m }, " +
                "for = 30m }",
                Stake("6m", "stars", "sv", 200000000),
                Stake("40m", "stars", "sv", 100000000)) +
            "expect = [\n" +
            "  { at = 7m30s, what = consumer-stake, provider = osmosis, consumer = stars, validator = sv, equals = 0 }\n" +
            "  { at = 9m, what = consumer-stake, provider = osmosis, consumer = stars, validator = sv, equals = 200000000 }\n" +
            "  { at = 41m, what = consumer-stake, provider = osmosis, consumer = stars, validator = sv, equals = 300000000 }\n" +
            "]\n";

        var (report, events) = await Run(text);

        AllHold(report);
        var receives = Receives(events, "stars").Where(r => r.Time != "-6s").Select(r => Duration.Parse(r.Time).Nanos).ToList();
        Assert.Equal(2, receives.Count);
        Assert.InRange(receives[0], Duration.Parse("8m").Nanos, Duration.Parse("8m30s").Nanos);
        Assert.InRange(receives[1], Duration.Parse("40m").Nanos, Duration.Parse("40m30s").Nanos);
    }

    [Fact]
    public async Task Reordered_stakes_arrive_out_of_sequence_each_once_and_in_order_again_after()
    {
        var during = Enumerable.Range(0, 6).Select(i => Stake("6m", "juno", "jv", 10000000));
        var after = Enumerable.Range(0, 6).Select(i => Stake("40m", "juno", "jv", 10000000));
        const string reorder = "{ at = 5m, chaos = net.reorder, provider = osmosis, consumer = juno, for = 30m }";
        var text = WithSteps([Bond, reorder, .. during, .. after]) +
            "expect = [\n" +
            "  { at = 45m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 120000000 }\n" +
            "  { at = 45m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 120000000 }\n" +
            "  { at = 45m, what = pending-packets, provider = osmosis, consumer = juno, equals = 0 }\n" +
            "]\n";

        var (report, events) = await Run(text);

        AllHold(report);
        var receives = Receives(events, "juno").Where(r => r.Time != "-6s").ToList();
        Assert.Equal(12, receives.Count);
        var (first, second) = (receives.Take(6).Select(r => r.Sequence).ToList(), receives.Skip(6).Select(r => r.Sequence).ToList());
        Assert.Equal(first.Order(), first.Distinct().Order());
        Assert.NotEqual(first.Order(), first);
        Assert.Equal(second.Order(), second);
        Assert.Null(report.RedundantRelays);
    }
}
