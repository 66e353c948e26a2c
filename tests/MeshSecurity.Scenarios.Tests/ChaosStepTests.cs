using System.Text.Json;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Chaos as scenario steps (docs/scenarios.md, "Chaos steps"): what each fault parses to, every misuse a located error, a
/// partition that holds a stake until its end, and each fault's start and end in events.jsonl and report.json.
/// </summary>
public sealed class ChaosStepTests : IDisposable
{
    internal const string Three = "scenario { name = t }\n" +
        "chains = [\n" +
        "  { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = ov, stake = 100000000 } ], " +
        "accounts = [ { name = alice, balance = \"1000000000uosmo\" } ] }\n" +
        "  { id = juno, prefix = juno, denom = ujuno, validators = [ { name = jv, stake = 100000000 } ] }\n" +
        "  { id = stars, prefix = stars, denom = ustars, validators = [ { name = sv, stake = 100000000 } ] }\n" +
        "]\n" +
        "links = [\n" +
        "  { provider = osmosis, consumer = juno, exchange-rate = \"1\", staking-funds = 1000000000 }\n" +
        "  { provider = osmosis, consumer = stars, exchange-rate = \"1\", staking-funds = 1000000000 }\n" +
        "]\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("meshsec-chaos-steps-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static string WithSteps(params string[] steps) => Three + "steps = [\n  " + string.Join("\n  ", steps) + "\n]\n";

    [Theory]
    [InlineData("chaos = relayer.stop, provider = osmosis, consumer = juno, for = 30m", "relayer.stop osmosis->juno", "30m")]
    [InlineData("chaos = relayer.crash, provider = osmosis, consumer = stars", "relayer.crash osmosis->stars", null)]
    [InlineData("chaos = relayer.duplicate, provider = osmosis, consumer = juno", "relayer.duplicate osmosis->juno", null)]
    [InlineData("chaos = relayer.lag, provider = osmosis, consumer = juno, delay = 2m, for = 1h", "relayer.lag osmosis->juno 2m", "1h")]
    [InlineData("chaos = net.loss, fraction = \"0.25\", for = 10m", "net.loss osmosis->juno,osmosis->stars 0.25", "10m")]
    [InlineData("chaos = net.loss, provider = osmosis, consumer = stars, fraction = \"1\"", "net.loss osmosis->stars 1", null)]
    [InlineData("chaos = net.partition, chains = [stars]", "net.partition stars | osmosis,juno", null)]
    [InlineData("chaos = net.partition, groups = [[osmosis], [juno]]", "net.partition osmosis | juno | stars", null)]
    [InlineData("chaos = chain.crash, chain = juno", "chain.crash juno", null)]
    [InlineData("chaos = relayer.batch-size, provider = osmosis, consumer = juno, size = 1, for = 1h", "relayer.batch-size osmosis->juno 1",
        "1h")]
    [InlineData("chaos = relayer.censor, provider = osmosis, consumer = juno, packet = burn", "relayer.censor osmosis->juno burn", null)]
    [InlineData("chaos = validator.double-sign, chain = juno, validator = jv", "validator.double-sign juno/jv", null)]
    [InlineData("chaos = econ.slash-storm, validators = [\"juno/jv\", \"stars/sv\"]", "econ.slash-storm juno/jv,stars/sv", null)]
    [InlineData("chaos = ibc.error-ack, provider = osmosis, consumer = juno, packet = stake, for = 1h", "ibc.error-ack osmosis->juno stake",
        "1h")]
    [InlineData("chaos = ibc.client-expire, provider = osmosis, consumer = juno, side = consumer",
        "ibc.client-expire osmosis->juno consumer", null)]
    [InlineData("chaos = ibc.client-expire, provider = osmosis, consumer = stars", "ibc.client-expire osmosis->stars", null)]
    [InlineData("chaos = ibc.close-channel, provider = osmosis, consumer = juno, for = 15m", "ibc.close-channel osmosis->juno provider",
        "15m")]
    [InlineData("chaos = chain.halt, chain = juno, for = 20m", "chain.halt juno", "20m")]
    [InlineData("chaos = chain.block-time, chain = stars, block-time = 30s", "chain.block-time stars 30s", null)]
    [InlineData("chaos = validator.downtime, chain = juno, validator = jv, for = 20m", "validator.downtime juno/jv", "20m")]
    [InlineData("chaos = validator.jail-flap, chain = stars, validator = sv, period = 24m", "validator.jail-flap stars/sv 24m", null)]
    [InlineData("chaos = validator.tombstone, chain = juno, validator = jv", "validator.tombstone juno/jv", null)]
    [InlineData("chaos = heal", "heal", null)]
    public void Each_fault_parses_to_what_it_does(string keys, string described, string? lasts)
    {
        var step = Assert.IsType<ScenarioStep.Chaos>(Assert.Single(Parse.Ok(WithSteps("{ at = 5m, " + keys + " }")).Steps));
        Assert.Equal(described, step.Fault.Describe());
        Assert.Equal(lasts, step.For?.ToString());
        Assert.Equal("steps[0]", step.Source);
    }

    [Fact]
    public void A_lasting_fault_makes_the_default_run_last_past_its_end()
    {
        var s = Parse.Ok(WithSteps("{ at = 5m, chaos = relayer.stop, provider = osmosis, consumer = juno, for = 2h }"));
        Assert.Equal("2h15m", s.Duration.ToString());
    }

    /// <summary>Rows: the step (line 12, from column 3), where the error is, its key, a fragment of the message.</summary>
    public static TheoryData<string, string, string, string> Misuses => new()
    {
        { "{ at = 5m, chaos = relayer.stpo, provider = osmosis, consumer = juno }", "chaos", "steps[0].chaos",
            "unknown fault \"relayer.stpo\" (did you mean \"relayer.stop\"?)" },
        { "{ at = 5m, chaos = relayer.crash, provider = osmosis, consumer = juno, for = 5m }", "for", "steps[0].for",
            "relayer.crash acts once, so it takes no \"for\"" },
        { "{ at = 5m, chaos = relayer.stop, provider = osmosis, consumer = juno, for = 0s }", "for", "steps[0].for",
            "expected a duration above 0s" },
        { "{ at = 5m, chaos = relayer.stop, provider = juno, consumer = osmosis }", "consumer", "steps[0].consumer",
            "no link from juno to osmosis" },
        { "{ at = 5m, chaos = relayer.lag, provider = osmosis, consumer = juno }", "{", "steps[0].delay",
            "missing required key \"delay\"" },
        { "{ at = 5m, chaos = net.loss, provider = osmosis, fraction = \"0.5\" }", "{", "steps[0].consumer",
            "missing required key \"consumer\" (provider and consumer name one link together; leave both out for every link)" },
        { "{ at = 5m, chaos = net.reorder, consumer = juno }", "{", "steps[0].provider",
            "missing required key \"provider\" (provider and consumer name one link together" },
        { "{ at = 5m, chaos = net.loss, fraction = \"1.5\" }", "fraction", "steps[0].fraction",
            "above 0 and at most 1, got 1.5" },
        { "{ at = 5m, chaos = net.partition, chains = [osmosis], groups = [[juno]] }", "groups", "steps[0].groups",
            "either chains (cut off from the rest) or groups, not both" },
        { "{ at = 5m, chaos = net.partition, groups = [[osmosis, juno, stars]] }", "groups", "steps[0].groups",
            "a partition needs chains on two sides at least" },
        { "{ at = 5m, chaos = net.partition, groups = [[osmosis], [osmosis]] }", "osmosis]]", "steps[0].groups[1][0]",
            "osmosis is named twice" },
        { "{ at = 5m, chaos = net.partition, chains = [jnuo] }", "jnuo", "steps[0].chains[0]",
            "unknown chain \"jnuo\" (did you mean \"juno\"?)" },
        { "{ at = 5m, chaos = chain.crash, chain = juno, delay = 1m }", "delay", "steps[0].delay", "unknown key \"delay\"" },
        { "{ at = 5m, chaos = relayer.censor, provider = osmosis, consumer = juno, packet = brun }", "packet", "steps[0].packet",
            "unknown packet kind \"brun\" (did you mean \"burn\"?)" },
        { "{ at = 5m, chaos = econ.slash-storm, validators = [\"juno/jv\", \"juno/jv\"] }", "\"juno/jv\"]", "steps[0].validators[1]",
            "juno is named twice" },
        { "{ at = 5m, chaos = validator.double-sign, chain = juno, validator = jv, for = 1m }", "for", "steps[0].for",
            "validator.double-sign acts once" },
        { "{ at = 5m, chaos = ibc.error-ack, provider = osmosis, consumer = juno, packet = stkae }", "packet", "steps[0].packet",
            "unknown packet kind \"stkae\" (did you mean \"stake\"?)" },
        { "{ at = 5m, chaos = ibc.client-expire, provider = osmosis, consumer = juno, side = relayer }", "side = relayer", "steps[0].side",
            "unknown side \"relayer\"; expected one of: provider, consumer" },
        { "{ at = 5m, chaos = chain.block-time, chain = juno }", "{", "steps[0].block-time", "missing required key \"block-time\"" },
        { "{ at = 5m, chaos = chain.block-time, chain = juno, block-time = 1500ms }", "block-time = ", "steps[0].block-time",
            "expected a whole number of seconds, from 1s to 5m, got 1s500ms" },
        { "{ at = 5m, chaos = chain.halt, chain = juno, validator = jv }", "validator", "steps[0].validator", "unknown key \"validator\"" },
        { "{ at = 5m, chaos = validator.downtime, chain = juno, validator = jw }", "validator = jw", "steps[0].validator",
            "unknown validator \"jw\" on chain juno (did you mean \"jv\"?)" },
        { "{ at = 5m, chaos = validator.downtime, chain = jnuo, validator = jv }", "chain = jnuo", "steps[0].chain",
            "unknown chain \"jnuo\" (did you mean \"juno\"?)" },
        { "{ at = 5m, chaos = validator.jail-flap, chain = juno, validator = jv }", "{", "steps[0].period",
            "missing required key \"period\"" },
        { "{ at = 5m, chaos = validator.jail-flap, chain = juno, validator = jv, period = 1s }", "period", "steps[0].period",
            "expected a period of at least 2s" },
        { "{ at = 5m, chaos = validator.tombstone, chain = juno, validator = jv, for = 1h }", "for", "steps[0].for",
            "validator.tombstone acts once" },
        { "{ at = 5m, action = advance, chaos = heal }", "chaos", "steps[0].chaos", "either an action or a chaos fault, not both" },
        { "{ at = 5m, chaos = heal, chain = juno }", "chain", "steps[0].chain",
            "unknown key \"chain\" in a chaos step; expected one of: at, chaos" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string text, string at, string key, string fragment) =>
        Parse.Single(WithSteps(text), 12, 3 + text.IndexOf(at, StringComparison.Ordinal), key, fragment);

    [Fact]
    public void A_fault_ending_after_the_runs_duration_is_an_error()
    {
        var text = WithSteps("{ at = 5m, chaos = relayer.stop, provider = osmosis, consumer = juno, for = 2h }")
            .Replace("scenario { name = t }", "scenario { name = t, duration = 1h }", StringComparison.Ordinal);
        Parse.Single(text, 12, 73, "steps[0].for", "would end at 2h5m, after the end of the run");
    }

    [Fact]
    public async Task A_partition_holds_a_stake_until_it_ends_and_its_start_and_end_are_in_the_history()
    {
        var text = WithSteps(
                "{ at = 1m, action = bond, chain = osmosis, account = alice, amount = 500000000 }",
                "{ at = 5m, chaos = net.partition, chains = [juno], for = 30m }",
                "{ at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, " +
                "amount = 300000000 }",
                "{ at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = stars, validator = sv, " +
                "amount = 200000000 }") +
            "expect = [\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 0 }\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = stars, validator = sv, equals = 200000000 }\n" +
            "  { at = 45m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 300000000 }\n" +
            "]\n";
        var runner = new ScenarioRunner(Parse.Ok(text), new RunOptions(JournalSettings.Memory, OutDir: _dir, SpeedMax: true),
            NullLoggerFactory.Instance);

        var report = Assert.IsType<Reporting.RunReport>(await runner.RunAsync());

        Assert.True(report.Result.Ok, string.Join("; ", report.Expectations.Where(e => !e.Ok).Select(e => e.ToString())));
        var fault = Assert.Single(report.Faults);
        Assert.Equal(("net.partition juno | osmosis,stars", "5m", "35m"), (fault.Fault, fault.From, fault.To));
        Assert.Equal("net.partition juno | osmosis,stars for 30m (steps[1])", report.Steps[1].Fault);
        var chaos = (await File.ReadAllLinesAsync(Path.Combine(_dir, "events.jsonl")))
            .Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("type").GetString() == "chaos_injected")
            .Select(e => (e.GetProperty("time").GetString(), e.GetProperty("fault").GetString(), e.GetProperty("member").GetString(),
                string.Join(",", e.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))))
            .ToList();
        Assert.Equal([("5m", "net.partition", "steps[1]", "osmosis-juno/mesh,osmosis-juno/transfer"),
            ("35m", "heal", "steps[1]", "net.partition juno | osmosis,stars")], chaos);
    }

    [Fact]
    public async Task A_relayer_start_does_not_end_a_partition_and_a_heal_ends_every_fault()
    {
        var text = WithSteps(
                "{ at = 1m, action = bond, chain = osmosis, account = alice, amount = 500000000 }",
                "{ at = 5m, chaos = net.partition, chains = [juno] }",
                "{ at = 5m, action = relayer-stop, provider = osmosis, consumer = juno }",
                "{ at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, " +
                "amount = 300000000 }",
                "{ at = 10m, action = relayer-start, provider = osmosis, consumer = juno }",
                "{ at = 30m, chaos = heal }") +
            "expect = [\n" +
            "  { at = 25m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 0 }\n" +
            "  { at = 40m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 300000000 }\n" +
            "]\n";

        var report = await Runs.Of(text);

        Assert.All(report.Expectations, e => Assert.True(e.Ok, e.ToString()));
        Assert.Equal("30m", report.Faults.Single(f => f.Fault.StartsWith("net.partition", StringComparison.Ordinal)).To);
    }

    [Fact]
    public async Task A_censored_stake_times_out_and_is_undone_while_the_other_link_and_the_slash_storm_go_on()
    {
        var text = WithSteps(
                "{ at = 1m, action = bond, chain = osmosis, account = alice, amount = 500000000 }",
                "{ at = 5m, chaos = relayer.censor, provider = osmosis, consumer = juno, packet = stake, for = 2h }",
                "{ at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, " +
                "amount = 300000000 }",
                "{ at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = stars, validator = sv, " +
                "amount = 200000000 }",
                "{ at = 10m, chaos = econ.slash-storm, validators = [\"stars/sv\"] }") +
            "expect = [\n" +
            "  { at = 30m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 0 }\n" +
            "  { at = 30m, what = voting-power, chain = stars, validator = sv, equals = 0 }\n" +
            "  { at = 1h30m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 0 }\n" +
            "  { at = 1h30m, what = packets, provider = osmosis, consumer = juno, count = timed-out, equals = 1 }\n" +
            "]\n";

        var report = await Runs.Of(text);

        Assert.All(report.Expectations, e => Assert.True(e.Ok, e.ToString()));
        Assert.True(report.Invariants.All(i => i.Ok), string.Join("; ", report.Invariants.Where(i => !i.Ok)));
        Assert.Contains(report.Faults, f => f.Fault == "econ.slash-storm stars/sv" && f.To is null);
    }

    internal const string Bond = "{ at = 1m, action = bond, chain = osmosis, account = alice, amount = 500000000 }";

    internal static string Stake(string at, string consumer, string validator, ulong amount) =>
        $"{{ at = {at}, action = cross-stake, account = alice, provider = osmosis, consumer = {consumer}, validator = {validator}, " +
        $"amount = {amount} }}";

    internal static void AllHold(Reporting.RunReport report)
    {
        Assert.All(report.Expectations, e => Assert.True(e.Ok, e.ToString()));
        Assert.True(report.Invariants.All(i => i.Ok), string.Join("; ", report.Invariants.Where(i => !i.Ok)));
    }

    /// <summary>
    /// A chaos step with <paramref name="keys"/> is the fault <paramref name="described"/>, lasting <paramref name="lasts"/>,
    /// and what the shrinker and the nemesis write of it reads back as the same fault.
    /// </summary>
    internal static void RoundTrips(string keys, string described, string? lasts)
    {
        var step = Assert.IsType<ScenarioStep.Chaos>(Assert.Single(Parse.Ok(WithSteps("{ at = 5m, " + keys + " }")).Steps));
        Assert.Equal(described, step.Fault.Describe());
        Assert.Equal(lasts, step.For?.ToString());
        var again = Assert.IsType<ScenarioStep.Chaos>(Parse.Ok(WithSteps("{ at = 5m, " + step.Fault.ToHocon() + " }")).Steps.Single());
        Assert.Equal(step.Fault.Describe(), again.Fault.Describe());
        Assert.Equal(step.Fault.ToHocon(), again.Fault.ToHocon());
    }

    /// <summary>Runs <paramref name="text"/> in memory at full speed into <paramref name="dir"/>: its report and its events.</summary>
    internal static async Task<(Reporting.RunReport Report, List<JsonElement> Events)> RunInto(string dir, string text)
    {
        var runner = new ScenarioRunner(Parse.Ok(text), new RunOptions(JournalSettings.Memory, OutDir: dir, SpeedMax: true),
            NullLoggerFactory.Instance);
        var report = Assert.IsType<Reporting.RunReport>(await runner.RunAsync());
        var events = (await File.ReadAllLinesAsync(Path.Combine(dir, "events.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement);
        return (report, [.. events]);
    }

    [Fact]
    public async Task An_injected_error_ack_rolls_a_stake_back_on_the_provider_and_stakes_go_through_again_after_it()
    {
        var text = WithSteps(
                Bond,
                "{ at = 5m, chaos = ibc.error-ack, provider = osmosis, consumer = juno, packet = stake, for = 30m }",
                Stake("6m", "juno", "jv", 300000000),
                Stake("6m", "stars", "sv", 200000000),
                Stake("40m", "juno", "jv", 100000000)) +
            "expect = [\n" +
            "  { at = 20m, what = packets, provider = osmosis, consumer = juno, count = acknowledged-error, equals = 1 }\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 0 }\n" +
            "  { at = 20m, what = delegation, chain = juno, validator = jv, equals = 0 }\n" +
            "  { at = 20m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 0 }\n" +
            "  { at = 20m, what = claim, account = alice, provider = osmosis, consumer = juno, equals = 0 }\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = stars, validator = sv, equals = 200000000 }\n" +
            "  { at = 50m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 100000000 }\n" +
            "  { at = 50m, what = delegation, chain = juno, validator = jv, equals = 100000000 }\n" +
            "]\n";

        var (report, events) = await RunInto(_dir, text);

        AllHold(report);
        // events.jsonl says why: the juno stake's ack was written as an error with its reason, every other ack without one
        var acks = events.Where(e => e.GetProperty("type").GetString() == "acknowledgement_written").ToList();
        var failed = Assert.Single(acks, a => !a.GetProperty("success").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(failed.GetProperty("error").GetString()));
        Assert.All(acks.Where(a => a.GetProperty("success").GetBoolean()), a => Assert.False(a.TryGetProperty("error", out _)));
        Assert.Equal(("ibc.error-ack osmosis->juno stake", "5m", "35m"),
            (report.Faults[0].Fault, report.Faults[0].From, report.Faults[0].To));
    }

    [Fact]
    public async Task An_expired_client_holds_a_stake_until_governance_recovers_it_and_the_relayer_delivers_it()
    {
        var text = WithSteps(
                Bond,
                "{ at = 5m, chaos = ibc.client-expire, provider = osmosis, consumer = juno, side = consumer, for = 30m }",
                Stake("6m", "juno", "jv", 300000000),
                Stake("6m", "stars", "sv", 200000000)) +
            "expect = [\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 0 }\n" +
            "  { at = 20m, what = pending-packets, provider = osmosis, consumer = juno, kind = stake, equals = 1 }\n" +
            "  { at = 20m, what = consumer-stake, provider = osmosis, consumer = stars, validator = sv, equals = 200000000 }\n" +
            "  { at = 50m, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv, equals = 300000000 }\n" +
            "  { at = 50m, what = pending-packets, provider = osmosis, consumer = juno, equals = 0 }\n" +
            "]\n";

        var report = await Runs.Of(text);

        AllHold(report);
        Assert.Equal("ibc.client-expire osmosis->juno consumer for 30m (steps[1])", report.Steps[1].Fault);
    }

    [Fact]
    public async Task A_closed_mesh_channel_is_reopened_when_its_fault_ends_and_carries_the_next_stake()
    {
        var text = WithSteps(
                Bond,
                Stake("6m", "juno", "jv", 300000000),
                "{ at = 10m, chaos = ibc.close-channel, provider = osmosis, consumer = juno, side = consumer, for = 15m }",
                Stake("40m", "juno", "jv", 100000000)) +
            "expect = [\n" +
            "  { at = 20m, what = channel-state, provider = osmosis, consumer = juno, equals = closed }\n" +
            "  { at = 35m, what = channel-state, provider = osmosis, consumer = juno, equals = open }\n" +
            "  { at = 50m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 400000000 }\n" +
            "  { at = 50m, what = pending-packets, provider = osmosis, consumer = juno, equals = 0 }\n" +
            "]\n";

        var report = await Runs.Of(text);

        AllHold(report);
        Assert.True(report.Result.Ok);
    }
}
