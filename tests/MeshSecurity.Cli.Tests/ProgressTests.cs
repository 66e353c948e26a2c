using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Tests;

/// <summary>Progress says what set-up is doing, and its counters only move forward.</summary>
public class ProgressTests
{
    private sealed class Collect : IProgress<RunProgress>
    {
        public List<RunProgress> Reports { get; } = [];

        public void Report(RunProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task Set_up_names_each_chain_and_each_step_of_the_links_installing_side_by_side_and_the_counters_never_go_back()
    {
        var scenario = ScenarioParser.ParseFile(RepoFiles.Scenario("claims.conf"));
        var progress = new Collect();

        await new ScenarioRunner(scenario, new RunOptions(JournalSettings.Memory), NullLoggerFactory.Instance, progress).RunAsync();

        var setup = progress.Reports.Where(p => p.Phase == "setup").Select(p => p.Activity).ToList();
        Assert.Equal(
            [.. scenario.Chains.Select((c, i) => $"chain {i + 1}/{scenario.Chains.Length}: {c.Id}"),
             // osmosis lends to juno, stars and akash: one lockup, three of everything else, each step for all links at once
             .. new[]
             {
                 "deploying 1 lockup and 3 meta-staking contracts", "subscribing 1 lockup to slashes", "opening 3 transfer channels",
                 "instantiating 3 provider contracts", "reading 3 slashers", "instantiating 3 consumer contracts",
                 "funding and authorising 3 consumers", "opening 3 mesh channels", "waiting for 3 validator sets",
             }.Select(step => $"links: installing 3 side by side: {step}")],
            setup);
        var setupTimes = progress.Reports.Where(p => p.Phase == "setup").Select(p => p.SetupElapsed.Nanos).ToList();
        Assert.Equal(setupTimes.Order(), setupTimes);
        Assert.True(setupTimes[^1] > 0, "linking takes emulated time, and progress shows it");

        var running = progress.Reports.SkipWhile(p => p.Phase == "setup").ToList();
        Assert.Equal(running.Select(p => p.StepsDone).Order(), running.Select(p => p.StepsDone));
        Assert.Equal(running.Select(p => p.Elapsed.Nanos).Order(), running.Select(p => p.Elapsed.Nanos));
        Assert.Equal(("done", scenario.Steps.Length), (running[^1].Phase, running[^1].StepsDone));
        Assert.Equal("[setup] links: installing 3 side by side: opening 3 mesh channels (1m1s emulated so far)",
            Commands.ConsoleView.Line(progress.Reports.First(p => p.Activity.EndsWith("mesh channels", StringComparison.Ordinal))
                with { SetupElapsed = Scenarios.Model.Duration.FromSeconds(61) }));
    }
}
