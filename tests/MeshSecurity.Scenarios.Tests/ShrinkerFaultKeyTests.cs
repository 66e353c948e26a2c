using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Shrinking;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The shrinker on a fault's keys besides its `for`, and on a nemesis' `interval` and `end`, with a stand-in for the run
/// that "fails" exactly when the scenario holds what a planted bug needs: each key is halved (or the interval doubled,
/// the end brought earlier) while the failure stays, and put back at the first value that loses it; what it writes
/// parses back and still fails.
/// </summary>
public sealed class ShrinkerFaultKeyTests
{
    private static RunReport Report(bool fails) => new(RunReport.SchemaVersion,
        new RunReport.ScenarioInfo("t", "t.conf", "s", "1h", "0s", "0"), [], [], [], [], [],
        [new RunReport.CheckInfo("planted", !fails, fails ? "planted" : "")], [],
        new RunReport.Outcome(!fails, 0, fails ? 1 : 0), []);

    [Fact]
    public async Task A_faults_other_keys_are_halved_while_it_still_fails_and_the_result_parses()
    {
        var text = Parse.Base +
            "steps = [\n" +
            "  { at = 5m, action = double-sign, chain = juno, validator = jv2 }\n" +
            "  { at = 5m, chaos = net.loss, provider = osmosis, consumer = juno, fraction = 0.8, for = 30m }\n" +
            "  { at = 5m, chaos = relayer.lag, provider = osmosis, consumer = juno, delay = 8m, for = 30m }\n" +
            "  { at = 5m, chaos = relayer.race, provider = osmosis, consumer = juno, relayers = 8, for = 30m }\n" +
            "  { at = 5m, chaos = chain.clock-skew, chain = juno, offset = \"-4m\", for = 30m }\n" +
            "]\n";
        // the planted bug: the double-sign with a loss of 10 % or more, a lag of 1m or more, any race, and juno's clock
        // 1m or more behind
        static bool Bug(Scenario s)
        {
            var faults = s.Steps.OfType<ScenarioStep.Chaos>().Select(c => c.Fault).ToList();
            return s.Steps.Any(x => x is ScenarioStep.DoubleSign)
                && faults.OfType<ChaosSpec.NetLoss>().Any(l => l.Fraction >= Core.Math.Dec.Parse("0.1"))
                && faults.OfType<ChaosSpec.RelayerLag>().Any(l => l.Delay >= Duration.FromMinutes(1))
                && faults.OfType<ChaosSpec.RelayerRace>().Any()
                && faults.OfType<ChaosSpec.ChainClockSkew>().Any(k => k.OffsetNanos <= -60L * 1_000_000_000);
        }
        var shrinker = new Shrinker((s, _) => Task.FromResult<RunReport?>(Report(Bug(s))));

        var result = await shrinker.ShrinkAsync(text, "t.conf", 500);

        // 0.8 halves to 0.1 (0.05 passes), 8m to 1m (30s passes), 8 racers to 2 (the fewest), -4m to -1m (-30s passes)
        Assert.Equal((5, 5, 4), (result.StepsBefore, result.StepsAfter, result.Milder));
        var small = Parse.Ok(result.Text);
        Assert.True(Bug(small));
        var faults = small.Steps.OfType<ScenarioStep.Chaos>().Select(c => c.Fault).ToList();
        Assert.Equal("0.1", Assert.Single(faults.OfType<ChaosSpec.NetLoss>()).Fraction.ToString());
        Assert.Equal(Duration.FromMinutes(1), Assert.Single(faults.OfType<ChaosSpec.RelayerLag>()).Delay);
        Assert.Equal(2, Assert.Single(faults.OfType<ChaosSpec.RelayerRace>()).Relayers);
        Assert.Equal(-60L * 1_000_000_000, Assert.Single(faults.OfType<ChaosSpec.ChainClockSkew>()).OffsetNanos);
        Assert.Contains("fraction = 0.1,", result.Text, StringComparison.Ordinal);
        Assert.Contains("offset = \"-1m\",", result.Text, StringComparison.Ordinal);
    }

    private const string WithNemesis = Parse.Base +
        "steps = [ { at = 5m, action = double-sign, chain = juno, validator = jv2 } ]\n" +
        "nemesis { end = 4h, interval = 10m, faults = [relayer.lag], max-lag = 8m }\n";

    [Fact]
    public async Task A_nemesis_ends_as_early_as_still_fails_and_its_draws_keys_are_halved()
    {
        // the planted bug: the double-sign and a lag of 1m or more
        static bool Bug(Scenario s) => s.Steps.Any(x => x is ScenarioStep.DoubleSign)
            && s.Steps.OfType<ScenarioStep.Chaos>().Any(c => c.Fault is ChaosSpec.RelayerLag l && l.Delay >= Duration.FromMinutes(1));
        var said = new List<string>();
        var shrinker = new Shrinker((s, _) => Task.FromResult<RunReport?>(Report(Bug(s))), said.Add);
        var original = Parse.Ok(WithNemesis);

        var result = await shrinker.ShrinkAsync(WithNemesis, "t.conf", 500);

        // the seed's draws: a lag of 1m or more comes before 15m but not before 7m30s; then one every 20m or so is too few
        Assert.Equal(["run 2: with the nemesis' end 2h it still fails", "run 3: with the nemesis' end 1h it still fails",
                "run 4: with the nemesis' end 30m it still fails", "run 5: with the nemesis' end 15m it still fails",
                "run 6: with the nemesis' end 7m30s it passes", "run 7: with the nemesis' interval 20m it passes"],
            said.Skip(1).Take(6));
        Assert.Equal((original.Steps.Length, 1), (result.StepsBefore, result.Nemesis));
        var small = Parse.Ok(result.Text);
        Assert.True(Bug(small));
        Assert.Equal(original.Duration, small.Duration);
        // a drawn delay, halved in whole seconds while it is 1m or more
        var lag = Assert.Single(small.Steps.OfType<ScenarioStep.Chaos>());
        var delay = ((ChaosSpec.RelayerLag)lag.Fault).Delay;
        Assert.True(delay >= Duration.FromMinutes(1) && delay < Duration.FromMinutes(2), $"delay {delay}");
        Assert.Equal(1, result.Milder);
        Assert.DoesNotContain("nemesis {", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nemesis_the_failure_does_not_need_ends_at_once_and_draws_at_most_once()
    {
        var said = new List<string>();
        var shrinker = new Shrinker((s, _) => Task.FromResult<RunReport?>(Report(s.Steps.Any(x => x is ScenarioStep.DoubleSign))),
            said.Add);

        var result = await shrinker.ShrinkAsync(WithNemesis, "t.conf", 500);

        Assert.Equal(2, result.Nemesis);
        // the end halves while it is more than an interval (10m) after the start; the interval doubles until it passes the
        // run's length (4h and the default quiet hour, kept)
        Assert.Equal(["run 6: with the nemesis' end 7m30s it still fails", "run 7: with the nemesis' interval 20m it still fails"],
            said.Skip(5).Take(2));
        Assert.Contains("run 11: with the nemesis' interval 5h20m it still fails", said);
        var small = Parse.Ok(result.Text);
        Assert.IsType<ScenarioStep.DoubleSign>(Assert.Single(small.Steps));
    }
}
