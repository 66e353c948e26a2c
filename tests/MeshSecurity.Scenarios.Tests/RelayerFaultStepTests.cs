using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;
using static MeshSecurity.Scenarios.Tests.ChaosStepTests;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The relayer faults that act on a channel, a direction or one packet (docs/scenarios.md, "Chaos steps"): what each parses
/// to, its misuses as located errors, and a run that shows what it does and that the network recovers after it.
/// </summary>
public sealed class RelayerFaultStepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshsec-relayer-faults-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("chaos = relayer.pause, provider = osmosis, consumer = juno, for = 30m", "relayer.pause osmosis->juno", "30m")]
    [InlineData("chaos = relayer.pause, provider = osmosis, consumer = juno, channel = mesh, direction = to-provider",
        "relayer.pause osmosis->juno mesh to-provider", null)]
    [InlineData("chaos = relayer.pause, provider = osmosis, consumer = stars, channel = ics20, direction = both",
        "relayer.pause osmosis->stars ics20", null)]
    [InlineData("chaos = relayer.starve, provider = osmosis, consumer = juno", "relayer.starve osmosis->juno", null)]
    [InlineData("chaos = relayer.starve, provider = osmosis, consumer = juno, direction = to-consumer, packet = stake, for = 2h",
        "relayer.starve osmosis->juno to-consumer stake", "2h")]
    [InlineData("chaos = relayer.clear-interval, provider = osmosis, consumer = stars, interval = 10m, for = 1h",
        "relayer.clear-interval osmosis->stars 10m", "1h")]
    public void Each_fault_parses_to_what_it_does_and_writes_itself_back(string keys, string described, string? lasts) =>
        RoundTrips(keys, described, lasts);

    /// <summary>Rows: the step (line 12, from column 3), where the error is, its key, a fragment of the message.</summary>
    public static TheoryData<string, string, string, string> Misuses => new()
    {
        { "{ at = 5m, chaos = relayer.puase, provider = osmosis, consumer = juno }", "chaos", "steps[0].chaos",
            "unknown fault \"relayer.puase\" (did you mean \"relayer.pause\"?)" },
        { "{ at = 5m, chaos = relayer.pause, provider = osmosis, consumer = juno, channel = mseh }", "channel", "steps[0].channel",
            "unknown channel \"mseh\" (did you mean \"mesh\"?); expected one of: mesh, ics20, both" },
        { "{ at = 5m, chaos = relayer.pause, provider = osmosis, consumer = juno, direction = to-consumers }", "direction",
            "steps[0].direction", "unknown direction \"to-consumers\" (did you mean \"to-consumer\"?)" },
        { "{ at = 5m, chaos = relayer.pause, provider = juno, consumer = osmosis }", "consumer", "steps[0].consumer",
            "no link from juno to osmosis" },
        { "{ at = 5m, chaos = relayer.starve, provider = osmosis, consumer = juno, packet = stkae }", "packet", "steps[0].packet",
            "unknown packet kind \"stkae\" (did you mean \"stake\"?)" },
        { "{ at = 5m, chaos = relayer.starve, provider = osmosis, consumer = juno, direction = to-provider, packet = stake }", "direction",
            "steps[0].direction", "stake packets never travel to-provider: expected to-consumer" },
        { "{ at = 5m, chaos = relayer.starve, provider = osmosis, consumer = juno, channel = mesh }", "channel", "steps[0].channel",
            "unknown key \"channel\"" },
        { "{ at = 5m, chaos = relayer.clear-interval, provider = osmosis, consumer = juno }", "{", "steps[0].interval",
            "missing required key \"interval\"" },
        { "{ at = 5m, chaos = relayer.clear-interval, provider = osmosis, consumer = juno, interval = 500ms }", "interval = 500ms",
            "steps[0].interval", "expected an interval of at least 1s" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string text, string at, string key, string fragment) =>
        Parse.Single(WithSteps(text), 12, 3 + text.IndexOf(at, StringComparison.Ordinal), key, fragment);

    private async Task<(Reporting.RunReport Report, List<(string?, string?, string?, string)> Chaos)> Run(string text)
    {
        var (report, events) = await RunInto(_dir, text);
        var chaos = events.Where(e => e.GetProperty("type").GetString() == "chaos_injected")
            .Select(e => (e.GetProperty("time").GetString(), e.GetProperty("fault").GetString(), e.GetProperty("member").GetString(),
                string.Join(",", e.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))))
            .ToList();
        return (report, chaos);
    }

    [Fact]
    public async Task A_paused_direction_holds_what_travels_that_way_and_delivers_it_when_the_pause_ends()
    {
        // juno's stake cannot reach juno; stars receives its stake, but the ack cannot come back to the provider
        var text = WithSteps(
                Bond,
                "{ at = 5m, chaos = relayer.pause, provider = osmosis, consumer = juno, channel = mesh, direction = to-consumer, " +
                "for = 30m }",
                "{ at = 5m, chaos = relayer.pause, provider = osmosis, consumer = stars, direction = to-provider, for = 30m }",
                Stake("6m", "juno", "jv", 300000000),
                Stake("6m", "stars", "sv", 200000000)) +
            "expect = [\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 0 }\n" +
            "  { at = 20m, what = pending-packets, provider = osmosis, consumer = juno, kind = stake, equals = 1 }\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = stars, validator = sv, equals = 200000000 }\n" +
            "  { at = 20m, what = pending-packets, provider = osmosis, consumer = stars, kind = stake, equals = 1 }\n" +
            "  { at = 45m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 300000000 }\n" +
            "  { at = 45m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 300000000 }\n" +
            "  { at = 45m, what = provider-stake, provider = osmosis, consumer = stars, validator = sv, equals = 200000000 }\n" +
            "  { at = 45m, what = pending-packets, provider = osmosis, consumer = juno, equals = 0 }\n" +
            "  { at = 45m, what = pending-packets, provider = osmosis, consumer = stars, equals = 0 }\n" +
            "]\n";

        var (report, chaos) = await Run(text);

        AllHold(report);
        Assert.Equal(("relayer.pause osmosis->juno mesh to-consumer", "5m", "35m"),
            (report.Faults[0].Fault, report.Faults[0].From, report.Faults[0].To));
        Assert.Equal([("5m", "relayer.pause", "steps[1]", "osmosis-juno/mesh"),
            ("5m", "relayer.pause", "steps[2]", "osmosis-stars/mesh,osmosis-stars/transfer"),
            ("35m", "heal", "steps[1]", "relayer.pause osmosis->juno mesh to-consumer"),
            ("35m", "heal", "steps[2]", "relayer.pause osmosis->stars to-provider")], chaos);
    }

    [Fact]
    public async Task A_starved_stake_times_out_and_its_claim_is_released_while_the_next_stake_goes_through()
    {
        var text = WithSteps(
                Bond,
                "{ at = 5m, chaos = relayer.starve, provider = osmosis, consumer = juno, direction = to-consumer, for = 2h }",
                Stake("6m", "juno", "jv", 300000000),
                Stake("8m", "juno", "jv", 100000000)) +
            "expect = [\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 100000000 }\n" +
            "  { at = 20m, what = pending-packets, provider = osmosis, consumer = juno, kind = stake, equals = 1 }\n" +
            "  { at = 20m, what = claim, account = alice, provider = osmosis, consumer = juno, equals = 400000000 }\n" +
            "  { at = 1h30m, what = packets, provider = osmosis, consumer = juno, count = timed-out, equals = 1 }\n" +
            "  { at = 1h30m, what = claim, account = alice, provider = osmosis, consumer = juno, equals = 100000000 }\n" +
            "  { at = 1h30m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 100000000 }\n" +
            "  { at = 1h30m, what = pending-packets, provider = osmosis, consumer = juno, equals = 0 }\n" +
            "]\n";

        var (report, chaos) = await Run(text);

        AllHold(report);
        Assert.Equal([("5m", "relayer.starve", "steps[1]", "osmosis-juno/mesh"),
            ("2h5m", "heal", "steps[1]", "relayer.starve osmosis->juno to-consumer")], chaos);
    }

    [Fact]
    public async Task Under_a_clear_interval_a_stake_and_its_ack_each_wait_for_a_clearing_and_flow_per_block_after_it()
    {
        var text = WithSteps(
                Bond,
                "{ at = 5m, chaos = relayer.clear-interval, provider = osmosis, consumer = juno, interval = 10m, for = 40m }",
                Stake("6m", "juno", "jv", 300000000),
                Stake("50m", "juno", "jv", 100000000)) +
            "expect = [\n" +
            "  { at = 14m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 0 }\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 300000000 }\n" +
            "  { at = 20m, what = pending-packets, provider = osmosis, consumer = juno, kind = stake, equals = 1 }\n" +
            "  { at = 30m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 300000000 }\n" +
            "  { at = 30m, what = pending-packets, provider = osmosis, consumer = juno, equals = 0 }\n" +
            "  { at = 52m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 400000000 }\n" +
            "]\n";

        var (report, chaos) = await Run(text);

        AllHold(report);
        Assert.Equal([("5m", "relayer.clear-interval", "steps[1]", "osmosis-juno/mesh,osmosis-juno/transfer"),
            ("45m", "heal", "steps[1]", "relayer.clear-interval osmosis->juno 10m")], chaos);
    }

    [Fact]
    public async Task A_nemesis_of_these_faults_draws_each_and_the_network_recovers_after_its_heal()
    {
        var text = WithSteps(
                Bond,
                Stake("10m", "juno", "jv", 100000000),
                Stake("30m", "stars", "sv", 100000000),
                Stake("50m", "juno", "jv", 100000000),
                Stake("1h10m", "stars", "sv", 100000000),
                Stake("1h30m", "juno", "jv", 100000000)) +
            "nemesis { start = 5m, end = 2h, interval = 10m, fault-duration = 25m, quiet = 1h30m, " +
            "faults = [relayer.pause, relayer.starve, relayer.clear-interval] }\n";
        var drawn = Parse.Ok(text).Steps.OfType<ScenarioStep.Chaos>().ToList();
        Assert.Equal(["relayer.clear-interval", "relayer.pause", "relayer.starve"],
            drawn.SkipLast(1).Select(s => s.Fault.Name).Distinct().Order());

        var (report, chaos) = await Run(text);

        Assert.True(report.Result.Ok);
        Assert.True(report.Invariants.All(i => i.Ok), string.Join("; ", report.Invariants.Where(i => !i.Ok)));
        Assert.Equal(drawn.Count - 1, report.Faults.Length);
        Assert.Equal(drawn.Count - 1, chaos.Count(c => c.Item2 != "heal"));
    }
}

