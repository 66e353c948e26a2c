using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;
using static MeshSecurity.Scenarios.Tests.ChaosStepTests;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// chain.clock-skew and chain.clock-jump (docs/chaos.md, "Chain faults"): what they parse to, their misuses, the header
/// times they give a chain while they hold, and a skew that times a packet out early on the chain it skews, after which
/// the chain's clock converges on the instant again.
/// </summary>
public sealed class ClockFaultTests
{
    [Theory]
    [InlineData("chaos = chain.clock-skew, chain = juno, offset = \"+30s\", for = 40m", "chain.clock-skew juno +30s", "40m")]
    [InlineData("chaos = chain.clock-skew, chain = juno, offset = -1m30s", "chain.clock-skew juno -1m30s", null)]
    [InlineData("chaos = chain.clock-jump, chain = stars, by = 25m", "chain.clock-jump stars 25m", null)]
    public void Each_clock_fault_parses_to_what_it_does_and_writes_itself_back(string keys, string described, string? lasts)
    {
        var step = Assert.IsType<ScenarioStep.Chaos>(Assert.Single(Parse.Ok(WithSteps("{ at = 5m, " + keys + " }")).Steps));
        Assert.Equal(described, step.Fault.Describe());
        Assert.Equal(lasts, step.For?.ToString());
        // the shrinker and the nemesis write faults out with ToHocon: read back, it is the same fault
        var again = Assert.IsType<ScenarioStep.Chaos>(Assert.Single(Parse.Ok(WithSteps($"{{ at = 5m, {step.Fault.ToHocon()} }}")).Steps));
        Assert.Equal(step.Fault, again.Fault);
    }

    /// <summary>Rows: the step (line 12, from column 3), where the error is, its key, a fragment of the message.</summary>
    public static TheoryData<string, string, string, string> Misuses => new()
    {
        { "{ at = 5m, chaos = chain.clock-skew, chain = juno }", "{", "steps[0].offset", "missing required key \"offset\"" },
        { "{ at = 5m, chaos = chain.clock-skew, chain = juno, offset = 30s }", "offset", "steps[0].offset", "(the sign is missing)" },
        { "{ at = 5m, chaos = chain.clock-skew, chain = juno, offset = \"+0s\" }", "offset", "steps[0].offset",
            "(a skew of 0s is no fault)" },
        { "{ at = 5m, chaos = chain.clock-skew, chain = juno, offset = \"+2d\" }", "offset", "steps[0].offset",
            "(at most 1d either way)" },
        { "{ at = 5m, chaos = chain.clock-skew, chain = juno, offset = \"-3x\" }", "offset", "steps[0].offset", "unknown unit \"x\"" },
        { "{ at = 5m, chaos = chain.clock-skew, chain = juno, offset = +30s }", "+30s", "steps[0].offset",
            "got '+' (quote a signed value: \"+30s\")" },
        { "{ at = 5m, chaos = chain.clock-skew, chain = jnuo, offset = \"+30s\" }", "chain = jnuo", "steps[0].chain",
            "unknown chain \"jnuo\" (did you mean \"juno\"?)" },
        { "{ at = 5m, chaos = chain.clock-skew, chain = juno, offset = -1s, by = 10m }", "by", "steps[0].by", "unknown key \"by\"" },
        { "{ at = 5m, chaos = chain.clock-jump, chain = juno, by = 0s }", "by", "steps[0].by", "expected a jump above 0s and at most 1d" },
        { "{ at = 5m, chaos = chain.clock-jump, chain = juno, by = 10m, for = 1h }", "for", "steps[0].for",
            "chain.clock-jump acts once" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string text, string at, string key, string fragment) =>
        Parse.Single(WithSteps(text), 12, 3 + text.IndexOf(at, StringComparison.Ordinal), key, fragment);

    [Fact]
    public async Task While_they_hold_each_chain_keeps_making_blocks_and_its_header_time_is_off_by_its_fault()
    {
        var text = WithSteps(
                "{ at = 5m, chaos = chain.clock-skew, chain = juno, offset = \"+30s\" }",
                "{ at = 5m, chaos = chain.clock-skew, chain = osmosis, offset = -1m }",
                "{ at = 5m, chaos = chain.clock-jump, chain = stars, by = 10m }")
            .Replace("scenario { name = t }", "scenario { name = t, duration = 12m }", StringComparison.Ordinal);

        var report = await Runs.Of(text);

        Assert.True(report.Invariants.All(i => i.Ok), string.Join("; ", report.Invariants.Where(i => !i.Ok)));
        var chains = report.Chains.ToDictionary(c => c.Id);
        // the run ends at 12m: juno's clock is 30 s ahead, osmosis' a minute behind
        Assert.Equal("12m30s", chains["juno"].Time);
        Assert.Equal("11m", chains["osmosis"].Time);
        // stars jumped 10 minutes at its first block after 5m, and holds that header time until the instant reaches it
        Assert.InRange(Duration.Parse(chains["stars"].Time).Nanos, Duration.FromMinutes(15).Nanos, Duration.Parse("15m10s").Nanos);
        // a header time held or ahead stops no block
        Assert.Single(report.Chains.Select(c => c.Height).Distinct());
        Assert.Equal(["chain.clock-skew juno +30s", "chain.clock-skew osmosis -1m", "chain.clock-jump stars 10m"],
            report.Faults.Select(f => f.Fault));
    }

    [Fact]
    public async Task A_skew_ahead_times_a_stake_out_early_the_provider_rolls_it_back_and_the_clock_converges_after_it()
    {
        var text = await File.ReadAllTextAsync(Examples.PathOf("clock-faults.conf"));

        var skewed = await Runs.Of(text);
        var onTime = await Runs.Of(
            string.Join('\n', text.Split('\n').Where(l => !l.Contains("chaos = chain.clock", StringComparison.Ordinal))));

        // the example's expectations: juno's stake at 12m timed out and was rolled back, stars' went through; after its jump
        // stars timed a stake out and took the next one
        Assert.True(skewed.Result.Ok, string.Join("; ", skewed.Expectations.Where(e => !e.Ok)));
        Assert.True(skewed.Invariants.All(i => i.Ok), string.Join("; ", skewed.Invariants.Where(i => !i.Ok)));
        // both clocks are on the instant again at the end, and no chain lost a block
        Assert.All(skewed.Chains, c => Assert.Equal("1h30m", c.Time));
        Assert.Single(skewed.Chains.Select(c => c.Height).Distinct());
        // without the clock faults the same relayer stop delays the juno stake but it is received in time
        string Actual(Reporting.RunReport r, int index) => r.Expectations.Single(e => e.Index == index).Actual!;
        Assert.Equal(("1", "0"), (Actual(skewed, 2), Actual(onTime, 2)));
        Assert.Equal(("50000000", "150000000"), (Actual(skewed, 5), Actual(onTime, 5)));
        Assert.True(onTime.Invariants.All(i => i.Ok));
    }

    [Fact]
    public async Task A_header_further_ahead_than_the_max_clock_drift_waits_and_a_wider_drift_lets_it_through()
    {
        var text = await File.ReadAllTextAsync(Examples.PathOf("clock-faults.conf"));
        const string stars =
            "{ provider = osmosis, consumer = stars, exchange-rate = \"1\", staking-funds = 1000000000, packet-lifetime = 20m";
        Assert.Contains(stars, text, StringComparison.Ordinal);

        var drift40s = await Runs.Of(text);
        var drift30m = await Runs.Of(text.Replace(stars, stars + ", relayer { max-clock-drift = 30m }", StringComparison.Ordinal));

        // stars' jump puts its header time 25 minutes ahead of osmosis': with the default 40 s osmosis' client of stars
        // takes nothing from it until 1h14m20s, so at 1h10m the 50m stake's timeout is not proven and alice's claim still
        // holds it; a client that tolerates 30 minutes takes the headers at once, and the timeout is proven by 1h10m
        string Actual(Reporting.RunReport r, int index) => r.Expectations.Single(e => e.Index == index).Actual!;
        Assert.True(drift40s.Result.Ok, string.Join("; ", drift40s.Expectations.Where(e => !e.Ok)));
        Assert.Equal(("0", "1"), (Actual(drift40s, 7), Actual(drift30m, 7)));
        Assert.Equal(("170000000", "140000000"), (Actual(drift40s, 8), Actual(drift30m, 8)));
        // both settle in the end, with the same stakes
        Assert.Equal(("1", "1"), (Actual(drift40s, 10), Actual(drift30m, 10)));
        Assert.True(drift30m.Invariants.All(i => i.Ok));
    }

    [Fact]
    public void The_nemesis_draws_clock_faults_when_asked_for_them()
    {
        var drawn = Parse.Ok(Three + "nemesis { end = 3h, interval = 10m, faults = [chain.clock-skew, chain.clock-jump] }\n")
            .Steps.OfType<ScenarioStep.Chaos>().Select(s => s.Fault).SkipLast(1).ToList();
        Assert.Equal(["chain.clock-jump", "chain.clock-skew"], drawn.Select(f => f.Name).Distinct().Order());
        Assert.All(drawn.OfType<ChaosSpec.ChainClockSkew>(),
            s => Assert.InRange(System.Math.Abs(s.OffsetNanos), (long)Duration.NanosPerSecond, 120 * (long)Duration.NanosPerSecond));
        Assert.All(drawn.OfType<ChaosSpec.ChainClockJump>(),
            j => Assert.InRange(j.By.Nanos, Duration.FromSeconds(1).Nanos, Duration.FromMinutes(10).Nanos));
    }
}
