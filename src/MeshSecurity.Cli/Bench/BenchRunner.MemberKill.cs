using System.Diagnostics;
using Akka.Cluster;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Bench;

/// <summary>
/// g. A member killed late in a run (downed without a hand-off, as the split-brain resolver downs a killed process) on a
/// loopback cluster sharing a PostgreSQL journal: not the oldest, so it is carried on in place
/// (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md): its entities start on the members left from their
/// snapshots and journals at their next message, and the clock sends the open window's phase again at once.
/// </summary>
public sealed partial class BenchRunner
{
    /// <summary>
    /// The leave's storm on three fresh members journaling to <paramref name="journal"/>, a member that is not the oldest
    /// cut off two thirds of the way through, downed once the oldest sees it unreachable, and its actor system ended (tried
    /// once more, with the other member, when the run ended first or the member held nothing the windows waited for):
    /// seconds from the down to the first window the clock completes after it, the wall time from the network's being
    /// ready, and the report and events.
    /// </summary>
    private static async Task<KillRun> KillRunAsync(Scenarios.Model.Scenario scenario, JournalSettings journal)
    {
        for (var attempt = 1; ; attempt++)
        {
            // the member that is not the oldest and comes first in address order, which holds the shards the placement
            // hashes first (GracefulLeaveTests says why); the other one when that one held nothing the windows wait for
            var (run, early) = await KillOnceAsync(scenario, journal, first: attempt == 1);
            if (run is not null) return run;
            if (attempt == 2) throw new InvalidOperationException($"bench: no member could be killed as the figure needs, twice: {early}");
        }
    }

    private static async Task<(KillRun? Run, string? Early)> KillOnceAsync(Scenarios.Model.Scenario scenario, JournalSettings journal,
        bool first)
    {
        const string what = "the run where a member is killed";
        // through the transport's throttler, so the member can be cut off at once as a killed process is
        var cluster = LoopbackCluster.Start(3, journal: journal, transportFaults: true);
        var dir = Directory.CreateTempSubdirectory("meshsec-bench-kill-").FullName;
        try
        {
            var others = cluster.Members.Skip(1).OrderBy(m => Akka.Cluster.Cluster.Get(m).SelfAddress.ToString(), StringComparer.Ordinal);
            var killed = first ? others.First() : others.Last();
            var lost = Akka.Cluster.Cluster.Get(killed).SelfAddress;
            var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var wall = new Stopwatch();
            var runner = new ScenarioRunner(scenario, LossOptions(cluster, dir, checkpoints: false), NullLoggerFactory.Instance,
                new OnProgress(p =>
                {
                    ReadyFrom(p, wall);
                    if (p.Phase == "running" && p.Elapsed.Nanos * 3 >= p.Total.Nanos * 2) late.TrySetResult();
                }));
            var run = runner.RunAsync();
            if (await Bounded(Task.WhenAny(run, late.Task), what, "before the kill") == run)
                return (null, run.IsFaulted ? run.Exception!.GetBaseException().Message : $"it finished ({run.Result?.Result.Ok})");
            var before = await WindowsAsync(runner);
            // killed: from now on nothing it sends arrives and nothing reaches it, as for a process that ended. Once the others
            // have noticed (the failure detector: ~10 s of silence with hocon/cluster.conf) it is downed, as the split-brain
            // resolver would 7 s later (stable-after); the figure runs from the down, the resolver's decision
            var faults = new MemberFaults(killed);
            await Bounded(faults.PartitionAsync(faults.Targets(null).Members), what, "cutting the member off");
            await Bounded(UnreachableAsync(cluster.Members[0], lost), what, "waiting for the members to notice the kill");
            // windows went on while it was cut off: it held no chain, and its down would be timed against a window that never
            // waited for it
            if (await WindowsAsync(runner) > before) return (null, "the member killed held nothing the windows waited for");
            var since = Stopwatch.StartNew();
            Akka.Cluster.Cluster.Get(cluster.Members[0]).Down(lost);
            var removed = RemovedAsync(cluster.Driver, lost, since);
            // its own shutdown reaches no one (a leave it announces is lost, as it would be for a process that ended)
            _ = killed.Terminate();
            // the window open at the kill waits for the killed member's entities: its completion is the first without it
            await Bounded(FirstWindowAsync(runner, run, before), what, "waiting for the first window after the down");
            var toWindow = since.Elapsed.TotalSeconds;
            // where the time from the down goes (docs/bench.md): on stderr, as the bench's other notes
            Console.Error.WriteLine($"meshsec bench: g, member killed: removed (the driver's view) after " +
                $"{(removed.IsCompleted ? $"{removed.Result:0.000} s" : "more than that")}, first window after {toWindow:0.000} s");
            var report = await Bounded(run, what, "running on after the first window without the member")
                ?? throw new InvalidOperationException("bench: the run stopped early");
            var seconds = wall.Elapsed.TotalSeconds;
            if (!report.Result.Ok || runner.Attempts != 1)
                throw new InvalidOperationException($"bench: the killed member's run failed or started again ({runner.Attempts} attempts)");
            var events = await File.ReadAllBytesAsync(Path.Combine(dir, "events.jsonl"));
            return (new KillRun(toWindow, seconds, ReportWriter.Json(report), events), null);
        }
        finally
        {
            await Bounded(cluster.DisposeAsync().AsTask(), what, "ending the cluster's actor systems");
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Until <paramref name="observer"/> sees <paramref name="member"/> unreachable (or downed, or gone).</summary>
    private static async Task UnreachableAsync(Akka.Actor.ActorSystem observer, Akka.Actor.Address member)
    {
        var cluster = Akka.Cluster.Cluster.Get(observer);
        while (!cluster.State.Unreachable.Any(m => m.Address == member)
               && cluster.State.Members.Any(m => m.Address == member && m.Status != MemberStatus.Down))
            await Task.Delay(10);
    }

    /// <summary>Seconds on <paramref name="since"/> when <paramref name="driver"/> no longer lists <paramref name="member"/>.</summary>
    private static async Task<double> RemovedAsync(Akka.Actor.ActorSystem driver, Akka.Actor.Address member, Stopwatch since)
    {
        var cluster = Akka.Cluster.Cluster.Get(driver);
        while (cluster.State.Members.Any(m => m.Address == member) && !driver.WhenTerminated.IsCompleted) await Task.Delay(10);
        return since.Elapsed.TotalSeconds;
    }

    /// <summary>Until the clock has completed a window more than <paramref name="before"/>, or the run has ended.</summary>
    private static async Task FirstWindowAsync(ScenarioRunner runner, Task run, long before)
    {
        while (!run.IsCompleted && await WindowsAsync(runner) <= before) await Task.Delay(10);
    }

    /// <summary>The longest a bench run of g, or one of its phases, may take: a hang fails, naming the run and phase.</summary>
    private static readonly TimeSpan BenchRunTimeout = TimeSpan.FromMinutes(10);

    private static async Task<T> Bounded<T>(Task<T> task, string run, string phase)
    {
        await Bounded((Task)task, run, phase);
        return await task;
    }

    private static async Task Bounded(Task task, string run, string phase)
    {
        try
        {
            await task.WaitAsync(BenchRunTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"bench: {run} hung {phase}: not past it after {BenchRunTimeout.TotalMinutes:0} minutes");
        }
    }

    /// <summary>One run of the storm with a member killed: seconds to the first window without it, wall seconds, the files.</summary>
    private sealed record KillRun(double ToWindow, double Wall, string Report, byte[] Events);
}
