using System.Diagnostics;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Generation;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Bench;

/// <summary>
/// g. A member lost late in a run, on a loopback cluster: how long until the run has a window done without it, and how
/// much longer the whole run takes than the same run undisturbed, when it starts again from the lost attempt's latest
/// checkpoint and when from genesis (checkpoints off), paired repetition by repetition.
/// </summary>
public sealed partial class BenchRunner
{
    /// <summary>Wall time between two checkpoints of the runs that take them: a bench run lasts seconds, not hours.</summary>
    private static readonly TimeSpan LossCheckpointEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A slash storm over provider/consumer pairs runs on three members; two thirds of the way through its timeline one
    /// member is downed (no hand-off, as the split-brain resolver downs a killed process) and its actor system ends. Each
    /// repetition runs the storm four times: undisturbed and with the loss, each with checkpoints (every second of wall
    /// time) and without. Measured: from the down to the first window the restarted run's clock completes on the members
    /// left, and the whole run's wall time beyond the undisturbed run's, each from the moment its network is ready (so the
    /// cluster's forming and the first set-up, which vary from run to run, stay out of it). A real crash adds the time to notice it
    /// (hocon/cluster.conf: ~10 s of silence, then 7 s stable-after), which these figures leave out.
    /// </summary>
    private async Task MemberLossAsync()
    {
        var scenario = ScenarioParser.Parse(Generator.Generate(new GeneratorOptions(Topology.Pairs, quick ? 6 : 20, "loss")), "loss.conf");
        var (toWindow, toWindowGenesis, extra, extraGenesis, ratio) = (new List<double>(), new List<double>(), new List<double>(),
            new List<double>(), new List<double>());
        for (var rep = 0; rep < (quick ? 1 : 3); rep++)
        {
            var (plain, lost) = (await UndisturbedAsync(scenario, checkpoints: true), await LoseAMemberAsync(scenario, checkpoints: true));
            var (plainGenesis, lostGenesis) = (await UndisturbedAsync(scenario, checkpoints: false),
                await LoseAMemberAsync(scenario, checkpoints: false));
            toWindow.Add(lost.ToWindow);
            toWindowGenesis.Add(lostGenesis.ToWindow);
            extra.Add(lost.Wall - plain);
            extraGenesis.Add(lostGenesis.Wall - plainGenesis);
            ratio.Add((lost.Wall - plain) / Math.Max(1e-3, lostGenesis.Wall - plainGenesis));
        }
        var size = $"3 members, {scenario.Chains.Length} chains, one downed two thirds of the way";
        Add(new BenchResult("cluster_member_loss_to_first_window", "g", "member lost late: to the first window without it", "s", toWindow,
            $"{size}; the run goes on from its latest checkpoint (one a second); from the down to the restarted run's first " +
            "window (noticing a crash adds ~17 s)"));
        Add(new BenchResult("cluster_member_loss_to_first_window_genesis", "g",
            "member lost late, no checkpoint: to the first window without it", "s", toWindowGenesis,
            $"{size}; checkpoints off, so the run starts again from genesis (its set-up included)"));
        Add(new BenchResult("cluster_member_loss_extra_from_checkpoint", "g", "member lost late: extra run time, from the checkpoint", "s",
            extra, $"{size}; wall time beyond the same run undisturbed, both taking a checkpoint a second"));
        Add(new BenchResult("cluster_member_loss_extra_from_genesis", "g", "member lost late: extra run time, from genesis", "s",
            extraGenesis, $"{size}; wall time beyond the same run undisturbed, both without checkpoints"));
        Add(new BenchResult("cluster_member_loss_checkpoint_vs_genesis", "g", "member lost late: extra time, checkpoint / genesis", "x",
            ratio, "paired: each repetition's extra time from the checkpoint over its extra time from genesis"));
    }

    /// <summary>The storm's wall time on three members, none lost, from its network's being ready.</summary>
    private static async Task<double> UndisturbedAsync(Scenarios.Model.Scenario scenario, bool checkpoints)
    {
        await using var cluster = LoopbackCluster.Start(3);
        var dir = Directory.CreateTempSubdirectory("meshsec-bench-loss-").FullName;
        try
        {
            var wall = new Stopwatch();
            var runner = new ScenarioRunner(scenario, LossOptions(cluster, dir, checkpoints), NullLoggerFactory.Instance,
                new OnProgress(p => ReadyFrom(p, wall)));
            var report = await Bounded(runner.RunAsync(), "the undisturbed run", "running")
                ?? throw new InvalidOperationException("bench: the run stopped early");
            if (!report.Result.Ok || runner.Attempts != 1) throw new InvalidOperationException("bench: the undisturbed run failed");
            return wall.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The storm with a member lost two thirds of the way (tried once more when the run ended before the loss, as a
    /// cluster slow to form on a loaded machine makes it): seconds from the down to the first window without it, and
    /// the whole run's wall time from its network's being ready.
    /// </summary>
    private static async Task<(double ToWindow, double Wall)> LoseAMemberAsync(Scenarios.Model.Scenario scenario, bool checkpoints)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (toWindow, wall, early) = await LoseOnceAsync(scenario, checkpoints);
            if (toWindow is { } seconds) return (seconds, wall);
            if (attempt == 2) throw new InvalidOperationException($"bench: the run ended before the loss, twice: {early}");
        }
    }

    private static async Task<(double? ToWindow, double Wall, string? Early)> LoseOnceAsync(Scenarios.Model.Scenario scenario,
        bool checkpoints)
    {
        await using var cluster = LoopbackCluster.Start(3);
        var dir = Directory.CreateTempSubdirectory("meshsec-bench-loss-").FullName;
        try
        {
            var lost = Akka.Cluster.Cluster.Get(cluster.Members[2]).SelfAddress;
            var downed = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
            var options = LossOptions(cluster, dir, checkpoints);
            var wall = new Stopwatch();
            var runner = new ScenarioRunner(scenario, options, NullLoggerFactory.Instance, new OnProgress(p =>
            {
                ReadyFrom(p, wall);
                if (p.Phase != "running" || p.Elapsed.Nanos * 3 < p.Total.Nanos * 2 || downed.Task.IsCompleted) return;
                downed.TrySetResult(Stopwatch.StartNew());
                Akka.Cluster.Cluster.Get(cluster.Members[0]).Down(lost);
                _ = cluster.Members[2].Terminate();
            }));
            var run = runner.RunAsync();
            const string what = "the run where a member is lost";
            if (await Bounded(Task.WhenAny(run, downed.Task), what, "before the down") == run)
                return (null, 0, run.IsFaulted ? run.Exception!.GetBaseException().Message : $"it finished ({run.Result?.Result.Ok})");
            var since = await downed.Task;
            await Bounded(RestartedWindowAsync(runner, run), what, "waiting for the restarted run's first window");
            var seconds = since.Elapsed.TotalSeconds;
            var report = await Bounded(run, what, "running on after the restart")
                ?? throw new InvalidOperationException("bench: the run stopped early");
            if (!report.Result.Ok || runner.Attempts != 2) throw new InvalidOperationException("bench: the run did not start again once");
            if (checkpoints != runner.RestartedFrom[0] is not null)
                throw new InvalidOperationException($"bench: the run started again from " +
                    $"{runner.RestartedFrom[0]?.ToString() ?? "genesis"} ({runner.RestartReasons[0] ?? "its checkpoint"}), " +
                    $"with checkpoints {(checkpoints ? "on" : "off")}");
            return (seconds, wall.Elapsed.TotalSeconds, null);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Until the run has started again and its clock completed a window, or the run has ended.</summary>
    private static async Task RestartedWindowAsync(ScenarioRunner runner, Task run)
    {
        while (!run.IsCompleted && !(runner.Attempts > 1 && await WindowsAsync(runner) > 0)) await Task.Delay(10);
    }

    /// <summary>Starts <paramref name="wall"/> at the first progress of the running phase: the network is ready.</summary>
    private static void ReadyFrom(RunProgress progress, Stopwatch wall)
    {
        if (progress.Phase == "running" && !wall.IsRunning && wall.ElapsedTicks == 0) wall.Start();
    }

    /// <summary>At full speed on <paramref name="cluster"/>'s three members, writing to <paramref name="dir"/>.</summary>
    private static RunOptions LossOptions(LoopbackCluster cluster, string dir, bool checkpoints) =>
        new(JournalSettings.Memory, OutDir: dir, SpeedMax: true,
            Cluster: new ClusterTarget([Akka.Cluster.Cluster.Get(cluster.Members[0]).SelfAddress.ToString()], MeshPlacement.Spread,
                MinMembers: 3))
        {
            CheckpointEvery = checkpoints ? LossCheckpointEvery : TimeSpan.MaxValue,
        };

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
