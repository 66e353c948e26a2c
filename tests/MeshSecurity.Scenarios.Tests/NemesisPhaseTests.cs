using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The nemesis' phases (docs/scenarios.md, "nemesis"): each phase draws its own mix at its own pace, its faults end
/// with it, the final heal and the quiet window follow the last; the flat form is one phase; misuses are located.
/// </summary>
public sealed class NemesisPhaseTests
{
    private static string With(string nemesis) => Parse.Base + "nemesis { " + nemesis + " }\n";

    private static List<ScenarioStep.Chaos> Drawn(string text) => [.. Parse.Ok(text).Steps.OfType<ScenarioStep.Chaos>()];

    private const string TwoPhases = "start = 5m, phases = [ { until = 1h, faults = [net.loss], interval = 5m }, " +
        "{ until = 3h, faults = [relayer.stop, chain.crash], interval = 20m, fault-duration = 10m } ]";

    [Fact]
    public void Each_phase_draws_its_own_faults_at_its_own_pace_and_they_end_with_it_then_the_heal_and_the_quiet()
    {
        var scenario = Parse.Ok(With(TwoPhases));
        var drawn = scenario.Steps.OfType<ScenarioStep.Chaos>().ToList();

        var first = drawn.Where(s => s.At < Duration.FromHours(1)).ToList();
        var second = drawn.SkipLast(1).Where(s => s.At >= Duration.FromHours(1)).ToList();
        Assert.All(first, s => Assert.Equal("net.loss", s.Fault.Name));
        Assert.All(first, s => Assert.True(s.At > Duration.FromMinutes(5) && (s.Until ?? s.At) <= Duration.FromHours(1), s.ToString()));
        Assert.All(second, s => Assert.Contains(s.Fault.Name, new[] { "relayer.stop", "chain.crash" }));
        Assert.All(second.Where(s => s.For is not null), s => Assert.True(s.For <= Duration.FromMinutes(10), s.ToString()));
        // a gap of 2m30s to 7m30s over 55 minutes, then 10m to 30m over two hours
        Assert.InRange(first.Count, 7, 22);
        Assert.InRange(second.Count, 4, 12);
        Assert.Equal((Duration.FromHours(3), "heal"), (drawn[^1].At, drawn[^1].Fault.Name));
        Assert.Equal(Duration.FromHours(4), scenario.Duration);
    }

    [Fact]
    public void The_flat_form_is_one_phase_and_draws_the_same_faults_from_the_same_seed()
    {
        var flat = Drawn(With("start = 10m, end = 3h, interval = 15m, fault-duration = 20m, faults = [net.loss, relayer.lag]"));
        var phased = Drawn(With("start = 10m, interval = 15m, fault-duration = 20m, faults = [net.loss, relayer.lag], " +
            "phases = [ { until = 3h } ]"));
        Assert.Equal(flat.Select(s => (s.At, s.Fault.Describe(), s.For)), phased.Select(s => (s.At, s.Fault.Describe(), s.For)));
    }

    public static TheoryData<string, string, string, string> Misuses => new()
    {
        { "phases = [ { until = 2h, interval = 10m }, { until = 1h, interval = 10m } ]", "until = 1h", "nemesis.phases[1].until",
            "phases must come in time order without overlapping: expected an until after the previous phase's (2h), got 1h" },
        { "phases = [ { until = 2h, interval = 10m }, { until = 2h, interval = 10m } ]", "until = 2h, interval = 10m }, { until = 2h",
            "nemesis.phases[1].until", "expected an until after the previous phase's (2h), got 2h" },
        { "start = 1h, phases = [ { until = 30m, interval = 10m } ]", "until", "nemesis.phases[0].until",
            "expected the first phase to end after the nemesis' start (1h), got 30m" },
        { "end = 3h, interval = 10m, phases = [ { until = 2h } ]", "end", "nemesis.end",
            "with phases the end is the last phase's until (2h): leave end out, or make it that, got 3h" },
        { "phases = [ { until = 2h } ]", "{ until", "nemesis.phases[0].interval", "missing required key \"interval\"" },
        { "interval = 10m, phases = [ { until = 2h, pace = 1m } ]", "pace", "nemesis.phases[0].pace", "unknown key \"pace\"" },
        { "interval = 10m, phases = [ { until = 2h, faults = [net.los] } ]", "net.los", "nemesis.phases[0].faults[0]",
            "(did you mean \"net.loss\"?)" },
        { "interval = 10m, phases = []", "phases", "nemesis.phases", "expected at least one phase" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string nemesis, string at, string key, string fragment)
    {
        var text = With(nemesis);
        var line = text.Split('\n').Length - 1;
        var needle = at == "until = 2h, interval = 10m }, { until = 2h" ? nemesis.LastIndexOf("until", StringComparison.Ordinal)
            : nemesis.IndexOf(at, StringComparison.Ordinal);
        Parse.Has(Parse.Errors(text), line, "nemesis { ".Length + 1 + needle, key, fragment);
    }

    [Fact]
    public async Task A_phased_nemesis_runs_heals_and_the_network_recovers_with_every_invariant_holding()
    {
        var text = ChaosStepTests.WithSteps(
                "{ at = 1m, action = bond, chain = osmosis, account = alice, amount = 500000000 }",
                "{ at = 20m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 100000000 }",
                "{ at = 1h10m, action = cross-stake, account = alice, provider = osmosis, consumer = stars, validator = sv, amount = 100000000 }")
            + "nemesis { start = 10m, phases = [ { until = 1h, faults = [net.partition, relayer.stop], interval = 10m }, " +
            "{ until = 2h, faults = [relayer.lag, chain.clock-skew], interval = 15m } ], quiet = 1h }\n";

        var report = await Runs.Of(text);

        Assert.True(report.Invariants.All(i => i.Ok), string.Join("; ", report.Invariants.Where(i => !i.Ok)));
        Assert.All(report.Steps, s => Assert.True(s.Ok, s.Outcome));
        Assert.Contains(report.Faults, f => f.Fault.StartsWith("net.partition", StringComparison.Ordinal)
            || f.Fault.StartsWith("relayer.stop", StringComparison.Ordinal));
        Assert.Contains(report.Faults, f => f.Fault.StartsWith("chain.clock-skew", StringComparison.Ordinal)
            || f.Fault.StartsWith("relayer.lag", StringComparison.Ordinal));
        // both stakes arrived once the faults were over
        Assert.All(report.Links, l => Assert.Contains(l.Stakes, s => s.ProviderStake == "100000000" && s.Equal));
    }
}
