using System.Diagnostics;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Generation;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Bench;

/// <summary>g. A member lost mid-run, on a loopback cluster: how long until the run has a window done without it.</summary>
public sealed partial class BenchRunner
{
    /// <summary>
    /// A slash storm over provider/consumer pairs runs on three members; a third of the way through its timeline one member
    /// is downed (no hand-off, as the split-brain resolver downs a killed process) and its actor system ends. Measured: from
    /// the down to the first window the restarted run's clock completes on the members left. A real crash adds the time to
    /// notice it (hocon/cluster.conf: ~10 s of silence, then 7 s stable-after), which this figure leaves out.
    /// </summary>
    private async Task MemberLossAsync()
    {
        var scenario = ScenarioParser.Parse(Generator.Generate(new GeneratorOptions(Topology.Pairs, quick ? 6 : 20, "loss")), "loss.conf");
        var samples = new List<double>();
        for (var rep = 0; rep < (quick ? 1 : 3); rep++)
        {
            // a run that ends before the loss (its cluster did not form in time on a loaded machine) is tried once more
            for (var attempt = 1; ; attempt++)
            {
                var (sample, early) = await LoseAMemberAsync(scenario);
                if (sample is { } seconds)
                {
                    samples.Add(seconds);
                    break;
                }
                if (attempt == 2) throw new InvalidOperationException($"bench: the run ended before the loss, twice: {early}");
            }
        }
        Add(new BenchResult("cluster_member_loss_to_first_window", "g", "member lost mid-run: to the first window without it", "s", samples,
            $"3 members, {scenario.Chains.Length} chains; from the down to the restarted run's first window " +
            "(noticing a crash adds ~17 s)"));
    }

    /// <summary>One run with a member lost a third of the way: seconds from the down to the first window without it, or why
    /// the run ended before the loss.</summary>
    private static async Task<(double? Seconds, string? Early)> LoseAMemberAsync(Scenarios.Model.Scenario scenario)
    {
        await using var cluster = LoopbackCluster.Start(3);
        var seed = Akka.Cluster.Cluster.Get(cluster.Members[0]).SelfAddress.ToString();
        var lost = Akka.Cluster.Cluster.Get(cluster.Members[2]).SelfAddress;
        var downed = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new ScenarioRunner(scenario, new RunOptions(JournalSettings.Memory, SpeedMax: true,
            Cluster: new ClusterTarget([seed], MeshPlacement.Spread, MinMembers: 3)), NullLoggerFactory.Instance, new OnProgress(p =>
        {
            if (p.Phase != "running" || p.Elapsed.Nanos * 3 < p.Total.Nanos || downed.Task.IsCompleted) return;
            downed.TrySetResult(Stopwatch.StartNew());
            Akka.Cluster.Cluster.Get(cluster.Members[0]).Down(lost);
            _ = cluster.Members[2].Terminate();
        }));
        var run = runner.RunAsync();
        if (await Task.WhenAny(run, downed.Task) == run)
            return (null, run.IsFaulted ? run.Exception!.GetBaseException().Message : $"it finished ({run.Result?.Result.Ok})");
        var since = await downed.Task;
        while (!run.IsCompleted)
        {
            if (runner.Attempts > 1 && await WindowsAsync(runner) > 0) break;
            await Task.Delay(10);
        }
        var seconds = since.Elapsed.TotalSeconds;
        var report = await run ?? throw new InvalidOperationException("bench: the run stopped early");
        if (!report.Result.Ok || runner.Attempts != 2) throw new InvalidOperationException("bench: the run did not start again once");
        return (seconds, null);
    }

    /// <summary>Windows the last attempt's clock has run; 0 while it is being set up.</summary>
    private static async Task<long> WindowsAsync(ScenarioRunner runner)
    {
        try
        {
            return runner.Network is { } net ? (await net.ClockStatusAsync()).Windows : 0;
        }
        catch (Akka.Actor.AskTimeoutException)
        {
            return 0;
        }
    }

    private sealed class OnProgress(Action<RunProgress> handle) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => handle(value);
    }
}
