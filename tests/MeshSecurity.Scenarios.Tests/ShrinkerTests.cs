using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Shrinking;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The shrinker's search and its text surgery, with a stand-in for the run that "fails" exactly when the scenario holds
/// the steps a planted bug needs: it keeps those and nothing else, writes the nemesis' draws out as steps, and what it
/// writes parses. (A whole shrink with real runs is the Cli's ShrinkTests.)
/// </summary>
public sealed class ShrinkerTests
{
    private const string Invariant = "every slash reached its consumers";

    private static RunReport Report(bool fails) => new(RunReport.SchemaVersion,
        new RunReport.ScenarioInfo("t", "t.conf", "s", "1h", "0s", "0"), [], [], [], [], [],
        [new RunReport.CheckInfo(Invariant, !fails, fails ? "planted" : "")], [],
        new RunReport.Outcome(!fails, 0, fails ? 1 : 0), []);

    private static string WithNemesis => Parse.Base +
        "steps = [\n" +
        "  { at = 1m, action = bond, chain = osmosis, account = alice, amount = 100 }\n" +
        "  { at = 2m, action = send, chain = osmosis, from = alice, to = bob, amount = 1 }, { at = 3m, action = advance }\n" +
        "  # a comment between steps stays\n" +
        "  { at = 5m, action = double-sign, chain = juno, validator = jv2 }\n" +
        "  { at = 6m, action = send, chain = osmosis, from = alice, to = bob, amount = 2 }\n" +
        "]\n" +
        "nemesis { end = 4h, interval = 10m, faults = [net.partition, relayer.stop, chain.crash, shard.handoff] }\n";

    [Fact]
    public async Task It_keeps_only_the_steps_the_failure_needs_and_writes_the_nemesis_draws_out()
    {
        var original = Parse.Ok(WithNemesis);
        var partition = original.Steps.OfType<ScenarioStep.Chaos>().First(c => c.Fault is ChaosSpec.NetPartition);
        // the planted bug: a double-sign while that partition is drawn
        bool Bug(Scenario s) => s.Steps.Any(x => x is ScenarioStep.DoubleSign) &&
                                s.Steps.OfType<ScenarioStep.Chaos>()
                                    .Any(c => c.At == partition.At && c.Fault.Describe() == partition.Fault.Describe());
        var runs = 0;
        var shrinker = new Shrinker((s, _) =>
        {
            runs++;
            return Task.FromResult<RunReport?>(Report(Bug(s)));
        });

        var result = await shrinker.ShrinkAsync(WithNemesis, "t.conf", 500);

        Assert.Equal(Invariant, result.Target!.Invariant);
        Assert.Equal((original.Steps.Length, 2), (result.StepsBefore, result.StepsAfter)); // the nemesis' draws and heal are steps
        Assert.Equal(runs, result.Runs);
        var small = Parse.Ok(result.Text);
        Assert.Equal(2, small.Steps.Length);
        Assert.True(Bug(small));
        Assert.DoesNotContain("nemesis {", result.Text, StringComparison.Ordinal);
        Assert.Contains("# a comment between steps stays", result.Text, StringComparison.Ordinal);
        Assert.Equal(original.Duration, small.Duration);
    }

    [Fact]
    public async Task A_fault_kept_is_made_as_short_as_still_fails()
    {
        var text = Parse.Base +
            "steps = [\n" +
            "  { at = 5m, action = double-sign, chain = juno, validator = jv2 }\n" +
            "  { at = 10m, chaos = net.partition, chains = [juno], for = 40m }\n" +
            "  { at = 12m, chaos = relayer.lag, provider = osmosis, consumer = juno, delay = 1m, for = 1h }\n" +
            "]\n";
        // the planted bug: the double-sign while juno is cut off for 7 minutes or more
        static bool Bug(Scenario s) => s.Steps.Any(x => x is ScenarioStep.DoubleSign) && s.Steps.OfType<ScenarioStep.Chaos>()
            .Any(c => c.Fault is ChaosSpec.NetPartition && c.For!.Value >= Duration.FromMinutes(7));
        var shrinker = new Shrinker((s, _) => Task.FromResult<RunReport?>(Report(Bug(s))));

        var result = await shrinker.ShrinkAsync(text, "t.conf", 500);

        // 40m, 20m and 10m fail; 5m does not, so 10m is kept; the lag goes, being needless; the bug needs no particular
        // time, so the double-sign moves half-way to the start and the partition to the double-sign's time
        Assert.Equal((3, 2, 1, 2), (result.StepsBefore, result.StepsAfter, result.Shortened, result.Moved));
        var small = Parse.Ok(result.Text);
        var partition = Assert.Single(small.Steps.OfType<ScenarioStep.Chaos>());
        Assert.Equal("10m", partition.For.ToString());
        Assert.Contains("{ at = 2m30s, chaos = net.partition, chains = [juno], for = 10m }", result.Text, StringComparison.Ordinal);
        Assert.Contains("{ at = 2m30s, action = double-sign, chain = juno, validator = jv2 }", result.Text, StringComparison.Ordinal);
        Assert.True(Bug(small));
    }

    [Fact]
    public async Task A_steps_amount_is_made_as_small_and_its_time_as_early_as_still_fails_and_the_result_parses()
    {
        var text = Parse.Base +
            "steps = [\n" +
            "  { at = 1m, action = bond, chain = osmosis, account = alice, amount = 1000 }\n" +
            "  { at = 2m, action = send, chain = osmosis, from = alice, to = bob, amount = \"64uosmo\" }\n" +
            "  { at = 30m, action = double-sign, chain = juno, validator = jv2 }\n" +
            "  { at = 40m, action = advance }\n" +
            "]\n";
        // the planted bug: a bond, a send of 5 or more, and a double-sign at 20m or later
        static bool Bug(Scenario s) => s.Steps.Any(x => x is ScenarioStep.Bond)
            && s.Steps.OfType<ScenarioStep.Send>().Any(x => x.Amount.Amount.Value >= 5)
            && s.Steps.Any(x => x is ScenarioStep.DoubleSign && x.At >= Duration.FromMinutes(20));
        var shrinker = new Shrinker((s, _) => Task.FromResult<RunReport?>(Report(Bug(s))));

        var result = await shrinker.ShrinkAsync(text, "t.conf", 500);

        // the send halves from 64 to 8 (4 passes), the bond to 1; the bond and the send move to 30s (the bond half-way to
        // the start, the send to the bond's time), and the double-sign stays at 30m: 15m15s, half-way to them, passes
        Assert.Equal((4, 3, 2, 2), (result.StepsBefore, result.StepsAfter, result.Reduced, result.Moved));
        Assert.Contains("{ at = 30s, action = bond, chain = osmosis, account = alice, amount = 1 }", result.Text, StringComparison.Ordinal);
        Assert.Contains("{ at = 30s, action = send, chain = osmosis, from = alice, to = bob, amount = \"8uosmo\" }", result.Text,
            StringComparison.Ordinal);
        Assert.Contains("{ at = 30m, action = double-sign", result.Text, StringComparison.Ordinal);
        // what it writes reads back, and still fails
        Assert.True(Bug(ScenarioParser.Parse(result.Text, "t.conf")));
    }

    [Fact]
    public async Task Nothing_cut_renders_the_same_steps_as_the_nemesis_drew()
    {
        var original = Parse.Ok(WithNemesis);
        var shrinker = new Shrinker((s, _) => Task.FromResult<RunReport?>(Report(s.Steps.Length == original.Steps.Length)));

        var result = await shrinker.ShrinkAsync(WithNemesis, "t.conf", 1);

        // one run only: the original; the text written keeps every step, the draws as plain chaos steps
        var same = Parse.Ok(result.Text);
        Assert.Contains(original.Steps, s => s is ScenarioStep.Chaos { Fault: ChaosSpec.ShardHandOff });
        Assert.Equal(original.Steps.Select(Describe), same.Steps.Select(Describe));
        Assert.Equal(1, result.Runs);
    }

    private static string Describe(ScenarioStep s) =>
        s is ScenarioStep.Chaos c ? $"{c.At} {c.Fault.Describe()} {c.For}" : $"{s.At} {s.Action}";

    [Fact]
    public async Task A_scenario_that_passes_has_nothing_to_shrink()
    {
        var result = await new Shrinker((_, _) => Task.FromResult<RunReport?>(Report(false))).ShrinkAsync(WithNemesis, "t.conf", 10);
        Assert.Null(result.Target);
        Assert.Equal(1, result.Runs);
    }
}
