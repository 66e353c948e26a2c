using System.Diagnostics;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// A node stopped with SIGTERM mid-run leaves gracefully (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md):
/// with a shared PostgreSQL journal its chains and relayers go on on the other nodes and the run has one attempt; with
/// memory journals it cannot be carried on, and the run starts again from its checkpoint. Either way the report and the
/// events are one node's, byte for byte.
/// </summary>
public sealed partial class ClusterRunTests
{
    [Fact]
    public async Task A_storm_with_a_node_stopped_by_sigterm_mid_run_reports_what_one_node_reports()
    {
        var storm = await StormAsync(TinyStorm);
        var oneNode = OneNodeOf(TinyStorm);
        // the youngest node: the first (the oldest, whose leave hands the clock singleton over) is the seed the other tests join
        var fourth = await cluster.Nodes.AddAsync(cluster.Journal, TimeSpan.FromSeconds(90));
        var clustered = Path.Combine(_dir, "left");
        var run = MeshsecCli.Process(_dir, "run", storm, "--cluster", cluster.Nodes.Seed, "--min-nodes", "4", "--out", clustered,
            "--speed", "200");

        var events = Path.Combine(clustered, "events.jsonl");
        while (!run.IsCompleted && !(File.Exists(events) && new FileInfo(events).Length > 0)) await Task.Delay(100);
        Assert.False(run.IsCompleted, "the run ended before the node could be stopped");
        Process.Start("kill", ["-TERM", $"{cluster.Nodes.Pid(fourth)}"])!.WaitForExit();
        var four = await run.WaitAsync(Bound);

        Assert.True(four.Code == 0, $"exit {four.Code} ({cluster.Journal}):\n{four.Err}\n{cluster.Nodes.Logs()}");
        var log = await File.ReadAllTextAsync(Path.Combine(clustered, "meshsec.log"));
        if (cluster.Journal == "memory")
            Assert.Contains("the run starts again on the members left (attempt 2", log, StringComparison.Ordinal);
        else
        {
            Assert.DoesNotContain("attempt 2", log, StringComparison.Ordinal);
            Assert.Contains("has left: the run goes on in place", log, StringComparison.Ordinal);
        }
        await AssertSameAsOneNodeAsync(oneNode, clustered, "four nodes, one stopped by SIGTERM");
    }
}
