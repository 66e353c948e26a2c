using System.Diagnostics;
using Akka.Actor;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Generation;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Bench;

/// <summary>
/// g. A member that leaves gracefully late in a run, on a loopback cluster sharing a PostgreSQL journal: carried on in
/// place (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md), the run stands while the member's
/// entities move, and then goes on. Measured when the member is not the oldest and when it is the oldest (which hosts the
/// clock singleton and the shard coordinators).
/// </summary>
public sealed partial class BenchRunner
{
    /// <summary>
    /// The storm of <see cref="MemberLossAsync"/> on three members journaling to a scratch schema of the PostgreSQL server:
    /// each repetition runs it undisturbed, with a member that is not the oldest leaving two thirds of the way through its
    /// timeline, with the oldest leaving there, and with a member that is not the oldest killed there
    /// (<see cref="KillRunAsync"/>). Each loss must be carried on in place (one attempt) and its report and events must be
    /// the undisturbed run's, byte for byte. Measured: how long the clock stood for a leave (from the driver's hold to the
    /// release the clock took on the members left), the time from a kill to the first window completed after it, and each
    /// run's wall time beyond the undisturbed run's, all from the network's being ready.
    /// </summary>
    private async Task MemberLeaveAsync()
    {
        // a leave is carried on in place only when the members share a journal: none without a server
        if (_postgres is null)
        {
            Console.Error.WriteLine("meshsec bench: no graceful-leave figure (g): a leave is carried on in place only with a " +
                                    "shared journal; give --postgres or MESHSEC_BENCH_POSTGRES");
            return;
        }
        var pg = JournalSettings.Postgres(_postgres);
        if (await NodeHost.ProbeJournalAsync(pg, CancellationToken.None) is { } reason)
        {
            Console.Error.WriteLine($"meshsec bench: no graceful-leave figure (g): {reason}");
            return;
        }
        var schema = "meshsec_bench_" + Guid.NewGuid().ToString("N");
        var journal = await NodeHost.CreateScratchJournalAsync(pg, schema, CancellationToken.None);
        try
        {
            var scenario = ScenarioParser.Parse(Generator.Generate(new GeneratorOptions(Topology.Pairs, quick ? 6 : 20, "leave")),
                "leave.conf");
            var (stood, extra, stoodOldest, extraOldest) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            var (killToWindow, killExtra) = (new List<double>(), new List<double>());
            for (var rep = 0; rep < (quick ? 1 : 3); rep++)
            {
                var plain = await LeaveRunAsync(scenario, journal, leaving: null);
                var member = await LeaveRunAsync(scenario, journal, leaving: 2);
                var oldest = await LeaveRunAsync(scenario, journal, leaving: 0);
                var killed = await KillRunAsync(scenario, journal);
                var runs = new[]
                {
                    (member.Report, member.Events, "a member left"), (oldest.Report, oldest.Events, "the oldest member left"),
                    (killed.Report, killed.Events, "a member was killed"),
                };
                foreach (var (report, events, who) in runs)
                    if (report != plain.Report || !events.AsSpan().SequenceEqual(plain.Events))
                        throw new InvalidOperationException($"bench: the run where {who} differs from the undisturbed run " +
                            $"({(report != plain.Report ? "report.json" : "events.jsonl")})");
                killToWindow.Add(killed.ToWindow);
                killExtra.Add(killed.Wall - plain.Wall);
                stood.Add(member.Stood);
                extra.Add(member.Wall - plain.Wall);
                stoodOldest.Add(oldest.Stood);
                extraOldest.Add(oldest.Wall - plain.Wall);
            }
            var size = $"3 members on PostgreSQL, {scenario.Chains.Length} chains, one leaving two thirds of the way";
            Add(new BenchResult("cluster_member_leave_clock_stood", "g", "member leaves gracefully: clock stood", "s", stood,
                $"{size} (not the oldest); from the driver's hold between windows to the release the clock took on the members left"));
            Add(new BenchResult("cluster_member_leave_extra", "g", "member leaves gracefully: extra run time", "s", extra,
                $"{size} (not the oldest); wall time beyond the same run undisturbed; report and events checked equal"));
            Add(new BenchResult("cluster_member_leave_oldest_clock_stood", "g", "oldest member leaves: clock stood", "s", stoodOldest,
                $"{size} (the oldest: the clock singleton is handed over with its state, the shard coordinators move)"));
            Add(new BenchResult("cluster_member_leave_oldest_extra", "g", "oldest member leaves: extra run time", "s", extraOldest,
                $"{size} (the oldest); wall time beyond the same run undisturbed; report and events checked equal"));
            var killedSize = $"3 members on PostgreSQL, {scenario.Chains.Length} chains, one (not the oldest) cut off two thirds of the " +
                "way and downed once the others noticed";
            Add(new BenchResult("cluster_member_kill_to_first_window", "g", "member killed: to the first window without it", "s",
                killToWindow, $"{killedSize}; carried on in place: from the down to the first window the clock completes after it " +
                "(noticing a crash adds ~17 s)"));
            Add(new BenchResult("cluster_member_kill_extra", "g", "member killed: extra run time", "s", killExtra,
                $"{killedSize}; carried on in place; wall time beyond the same run undisturbed, the failure detector's noticing " +
                "included; report and events checked equal"));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await NodeHost.DropScratchJournalAsync(pg, schema, CancellationToken.None);
        }
    }

    /// <summary>
    /// The storm on three fresh members journaling to <paramref name="journal"/>, member <paramref name="leaving"/> (none
    /// when null) leaving gracefully two thirds of the way through (tried once more when the run ended before the leave):
    /// how long the clock stood for the leave, the wall time from the network's being ready, and the report and events.
    /// </summary>
    private static async Task<LeaveRun> LeaveRunAsync(Scenarios.Model.Scenario scenario, JournalSettings journal, int? leaving)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (run, early) = await LeaveOnceAsync(scenario, journal, leaving);
            if (run is not null) return run;
            if (attempt == 2) throw new InvalidOperationException($"bench: the run ended before the member left, twice: {early}");
        }
    }

    private static async Task<(LeaveRun? Run, string? Early)> LeaveOnceAsync(Scenarios.Model.Scenario scenario, JournalSettings journal,
        int? leaving)
    {
        await using var cluster = LoopbackCluster.Start(3, journal: journal);
        var dir = Directory.CreateTempSubdirectory("meshsec-bench-leave-").FullName;
        try
        {
            var left = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
            var wall = new Stopwatch();
            var runner = new ScenarioRunner(scenario, LossOptions(cluster, dir, checkpoints: false), NullLoggerFactory.Instance,
                new OnProgress(p =>
                {
                    ReadyFrom(p, wall);
                    if (leaving is not { } i || p.Phase != "running" || p.Elapsed.Nanos * 3 < p.Total.Nanos * 2 || left.Task.IsCompleted)
                        return;
                    // as SIGTERM or `meshsec node` stopping do
                    left.TrySetResult(CoordinatedShutdown.Get(cluster.Members[i]).Run(CoordinatedShutdown.ClusterLeavingReason.Instance));
                }));
            var what = leaving switch
            {
                null => "the undisturbed run", 0 => "the run where the oldest leaves", _ => "the run where a member leaves",
            };
            var report = await Bounded(runner.RunAsync(), what, "running")
                ?? throw new InvalidOperationException("bench: the run stopped early");
            var seconds = wall.Elapsed.TotalSeconds;
            if (!report.Result.Ok || runner.Attempts != 1)
                throw new InvalidOperationException($"bench: the run failed or started again (attempts: {runner.Attempts})");
            var stood = TimeSpan.Zero;
            if (leaving is not null)
            {
                if (!left.Task.IsCompleted) return (null, "it finished first");
                await Bounded(await left.Task, what, "waiting for the leaving member's shutdown to end");
                // none: the run ended while the member was leaving (the leave came at its last progress)
                var leaves = runner.Network.LeavesCarriedOn;
                if (leaves.Count == 0) return (null, "it finished while the member was leaving");
                if (leaves.Count != 1) throw new InvalidOperationException($"bench: {leaves.Count} leaves carried on in place, not 1");
                stood = leaves[0].ClockStood;
            }
            return (new LeaveRun(stood.TotalSeconds, seconds, ReportWriter.Json(report),
                await File.ReadAllBytesAsync(Path.Combine(dir, "events.jsonl"))), null);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>One run of the leave's storm: seconds the clock stood for the leave, wall seconds, report.json and events.jsonl.</summary>
    private sealed record LeaveRun(double Stood, double Wall, string Report, byte[] Events);
}
