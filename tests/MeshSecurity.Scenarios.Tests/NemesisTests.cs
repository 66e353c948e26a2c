using System.Text.Json;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>The seeded nemesis (docs/scenarios.md, "nemesis"): drawn from the seed alone, healed at its end, then quiet.</summary>
public sealed class NemesisTests
{
    private static string With(string nemesis, string settings = "scenario { name = t }") =>
        Parse.Base.Replace("scenario { name = t }", settings, StringComparison.Ordinal) + "nemesis { " + nemesis + " }\n";

    private static List<ScenarioStep.Chaos> Drawn(string text) => [.. Parse.Ok(text).Steps.OfType<ScenarioStep.Chaos>()];

    [Fact]
    public void The_same_seed_draws_the_same_faults_another_seed_others_and_a_heal_ends_them_then_quiet()
    {
        const string nemesis = "start = 10m, end = 5h, interval = 15m, fault-duration = 20m";
        var a = Drawn(With(nemesis));
        var again = Drawn(With(nemesis));
        var other = Drawn(With(nemesis + ", seed = other"));

        Assert.Equal(a.Select(s => (s.At, s.Fault.Describe(), s.For)), again.Select(s => (s.At, s.Fault.Describe(), s.For)));
        Assert.NotEqual(a.Select(s => s.Fault.Describe()), other.Select(s => s.Fault.Describe()));
        Assert.InRange(a.Count, 12, 40);
        Assert.All(a, s => Assert.Equal("nemesis", s.Source));
        Assert.All(a.SkipLast(1), s => Assert.InRange(s.At.Nanos, Duration.FromMinutes(10).Nanos, Duration.FromHours(5).Nanos));
        Assert.All(a.Where(s => s.Until is not null),
            s => Assert.True(s.Until <= Duration.FromHours(5), $"{s.Fault.Describe()} outlasts the end"));
        // a fault that would outlast the end is cut at it; the others last half to all of fault-duration
        Assert.All(a.Where(s => s.For is not null && s.Until < Duration.FromHours(5)),
            s => Assert.InRange(s.For!.Value.Nanos, Duration.FromMinutes(10).Nanos, Duration.FromMinutes(20).Nanos));
        Assert.IsType<ChaosSpec.Heal>(a[^1].Fault);
        Assert.Equal(Duration.FromHours(5), a[^1].At);
        // more than one family is drawn
        Assert.True(a.Select(s => s.Fault.Name).Distinct().Count() >= 4, string.Join(", ", a.Select(s => s.Fault.Name)));
        // the run lasts the end and the default quiet hour
        Assert.Equal("6h", Parse.Ok(With(nemesis)).Duration.ToString());
    }

    [Fact]
    public void Faults_restrict_what_is_drawn()
    {
        var drawn = Drawn(With("end = 3h, interval = 10m, faults = [net.loss, chain.crash], max-loss = \"0.2\""));
        Assert.All(drawn.SkipLast(1), s => Assert.Contains(s.Fault.Name, new[] { "net.loss", "chain.crash" }));
        Assert.All(drawn.Select(s => s.Fault).OfType<ChaosSpec.NetLoss>(),
            l => Assert.True(l.Fraction >= Core.Math.Dec.Percent(5) && l.Fraction <= Core.Math.Dec.Percent(20), l.Fraction.ToString()));
    }

    [Fact]
    public async Task A_nemesis_of_validator_and_chain_faults_jails_halts_and_the_network_recovers_after_its_heal()
    {
        // jv2 holds 20 of juno's 220 units of power: offline, juno goes on and jails it; jv or ov offline stall their chain
        var text = With("start = 5m, end = 3h, interval = 10m, fault-duration = 25m, " +
                "faults = [validator.downtime, validator.jail-flap, chain.halt, chain.block-time]")
            .Replace("name = jv2, stake = 50", "name = jv2, stake = 20", StringComparison.Ordinal)
            .Replace("\"1000uosmo\"", "\"100000000uosmo\"", StringComparison.Ordinal) +
            "steps = [\n" +
            "  { at = 1m, action = bond, chain = osmosis, account = alice, amount = 1000 }\n" +
            "  { at = 20m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 100 }\n" +
            "  { at = 50m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 100 }\n" +
            "]\n";
        var drawn = Drawn(text);
        Assert.Equal(["chain.block-time", "chain.halt", "validator.downtime", "validator.jail-flap"],
            drawn.SkipLast(1).Select(s => s.Fault.Name).Distinct().Order());
        Assert.All(drawn.Select(s => s.Fault).OfType<ChaosSpec.ValidatorJailFlap>(), f => Assert.Equal(Duration.FromMinutes(12), f.Period));
        Assert.All(drawn.Select(s => s.Fault).OfType<ChaosSpec.ChainBlockTime>(),
            b => Assert.InRange(b.BlockTime.Nanos, Duration.FromSeconds(1).Nanos, Duration.FromSeconds(30).Nanos));
        var dir = Directory.CreateTempSubdirectory("meshsec-nemesis-validators-").FullName;
        try
        {
            var runner = new ScenarioRunner(Parse.Ok(text), new RunOptions(JournalSettings.Memory, OutDir: dir, SpeedMax: true),
                NullLoggerFactory.Instance);

            var report = Assert.IsType<Reporting.RunReport>(await runner.RunAsync());

            Assert.True(report.Invariants.All(i => i.Ok), string.Join("; ", report.Invariants.Where(i => !i.Ok)));
            Assert.True(report.Result.Ok);
            Assert.Equal(drawn.Count - 1, report.Faults.Length);
            // jv2 was jailed and came back: its unjails went through
            var unjails = File.ReadLines(Path.Combine(dir, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
                .Count(e => e.GetProperty("type").GetString() == "tx_executed"
                    && e.GetProperty("tx").GetString()!.StartsWith("unjail/juno/jv2/", StringComparison.Ordinal)
                    && e.GetProperty("success").GetBoolean());
            Assert.True(unjails >= 1, $"{unjails} unjails of jv2");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Injected_error_acks_are_drawn_on_the_links_with_any_packet_kind()
    {
        var drawn = Drawn(With("end = 5h, interval = 10m, faults = [ibc.error-ack]")).SkipLast(1).Select(s => s.Fault).ToList();
        var acks = drawn.OfType<ChaosSpec.IbcErrorAck>().ToList();
        Assert.Equal(drawn.Count, acks.Count);
        Assert.All(acks, f => Assert.Equal(("osmosis", "juno"), (f.Provider, f.Consumer)));
        Assert.True(acks.Select(f => f.Packet).Distinct().Count() >= 3);
    }

    [Fact]
    public void Net_faults_are_drawn_only_when_listed_never_below_the_links_floor_and_written_back_as_steps()
    {
        var drawn = Drawn(With("end = 5h, interval = 10m, faults = [relayer.race, net.latency, net.reorder]"))
            .SkipLast(1).Select(s => s.Fault).ToList();
        Assert.Equal(["net.latency", "net.reorder", "relayer.race"], drawn.Select(f => f.Name).Distinct().Order());
        Assert.All(drawn.OfType<ChaosSpec.RelayerRace>(), r => Assert.InRange(r.Relayers, 2, 4));
        // the base scenario's link has the default latency, whose floor is 1s: the time keeper's lookahead
        Assert.All(drawn.OfType<ChaosSpec.NetLatency>(), l => Assert.Equal(Duration.FromSeconds(1), l.Latency.Floor));
        foreach (var fault in drawn)
        {
            var again = Drawn(Parse.WithStep("{ at = 5m, " + fault.ToHocon() + " }")).Single().Fault;
            Assert.Equal(fault.Describe(), again.Describe());
        }
    }

    [Fact]
    public void The_default_nemesis_draws_every_family_safe_for_any_scenario_and_nothing_else()
    {
        var drawn = Drawn(With("end = 2d, interval = 10m")).SkipLast(1).Select(s => s.Fault.Name).ToList();
        // relayer, net, chain and ibc faults (docs/scenarios.md, "nemesis"), each kind drawn over two days of faults
        string[] safe =
        [
            "chain.block-time", "chain.clock-jump", "chain.clock-skew", "chain.crash", "chain.halt", "ibc.client-expire", "ibc.error-ack",
            "net.latency", "net.loss", "net.partition", "net.reorder", "relayer.batch-size", "relayer.censor", "relayer.clear-interval",
            "relayer.crash", "relayer.duplicate", "relayer.lag", "relayer.pause", "relayer.race", "relayer.starve", "relayer.stop",
        ];
        Assert.Equal(safe, drawn.Distinct().Order(StringComparer.Ordinal));
        // without links, the chain faults alone
        var chainsOnly = Parse.Base[..Parse.Base.IndexOf("links", StringComparison.Ordinal)] + "nemesis { end = 1d, interval = 10m }\n";
        Assert.Equal(safe.Where(f => f.StartsWith("chain.", StringComparison.Ordinal)),
            Drawn(chainsOnly).SkipLast(1).Select(s => s.Fault.Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_listed_shard_handoff_is_drawn_on_any_chain()
    {
        var drawn = Drawn(With("end = 10h, interval = 10m, faults = [shard.handoff]")).SkipLast(1).Select(s => s.Fault).ToList();
        Assert.All(drawn, f => Assert.IsType<ChaosSpec.ShardHandOff>(f));
        Assert.Equal(["juno", "osmosis"], drawn.SelectMany(f => f.Chains).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_default_nemesis_draws_no_validator_fault_and_never_a_tombstone()
    {
        Assert.DoesNotContain(Drawn(With("end = 5h, interval = 10m")),
            s => s.Fault.Name.StartsWith("validator.", StringComparison.Ordinal));
        Parse.Has(Parse.Errors(With("end = 3h, interval = 10m, faults = [validator.tombstone]")), 7, 47, "nemesis.faults[0]",
            "unknown fault \"validator.tombstone\"");
    }

    public static TheoryData<string, string, string, string> Misuses => new()
    {
        { "end = 3h", "nemesis", "nemesis.interval", "missing required key \"interval\"" },
        { "end = 3h, interval = 10m, faults = [net.los]", "net.los", "nemesis.faults[0]",
            "unknown fault \"net.los\" (did you mean \"net.loss\"?)" },
        { "end = 3h, interval = 10m, faults = [heal]", "heal", "nemesis.faults[0]", "the nemesis draws from" },
        { "start = 3h, end = 1h, interval = 10m", "end", "nemesis.end", "expected an end after the start (3h), got 1h" },
        { "end = 3h, interval = 10m, max-loss = \"2\"", "max-loss", "nemesis.max-loss", "expected a max-loss from 0.05 to 1" },
        { "end = 3h, interval = 10m, cadence = 1m", "cadence", "nemesis.cadence", "unknown key \"cadence\"" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string nemesis, string at, string key, string fragment)
    {
        var line = With(nemesis).Split('\n').Length - 1;
        var column = at == "nemesis" ? 1 : "nemesis { ".Length + 1 + nemesis.IndexOf(at, StringComparison.Ordinal);
        Parse.Has(Parse.Errors(With(nemesis)), line, column, key, fragment);
    }

    [Fact]
    public void A_run_too_short_for_the_nemesis_and_its_quiet_is_an_error()
    {
        var errors = Parse.Errors(With("end = 3h, interval = 10m, quiet = 1h", "scenario { name = t, duration = 3h30m }"));
        Assert.Contains(errors, e => e.Key == "nemesis.quiet"
            && e.Message.Contains("until 4h, after the end of the run", StringComparison.Ordinal));
    }
}
