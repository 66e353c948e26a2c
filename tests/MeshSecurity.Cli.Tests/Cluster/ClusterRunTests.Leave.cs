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
        // the youngest node: the first (the oldest, whose leave hands the clock singleton over) is the seed the other tests join
        var fourth = await cluster.Nodes.AddAsync(cluster.Journal, TimeSpan.FromSeconds(90));
        await SigtermMidRunAsync(cluster.Nodes, fourth, "left", "four nodes, one stopped by SIGTERM");
    }

    /// <summary>
    /// The first node, the seed and the oldest member (it hosts the run's clock singleton and the shard coordinators), stopped
    /// with SIGTERM: the clock is handed over with its state and the coordinators' state is in the shared journal, so the
    /// run goes on in place. A cluster of its own, as the class's other tests join through its cluster's seed; the storm
    /// and its single-node run are the previous test's.
    /// </summary>
    [Fact]
    public async Task A_storm_with_the_seed_and_oldest_node_stopped_by_sigterm_mid_run_reports_what_one_node_reports()
    {
        await using var nodes = await LocalNodes.StartAsync(3, cluster.Journal, TimeSpan.FromSeconds(90));
        await SigtermMidRunAsync(nodes, 0, "seed-left", "three nodes, the seed stopped by SIGTERM");
    }

    /// <summary>
    /// The tiny storm on every node of <paramref name="nodes"/>; once events flow, node <paramref name="index"/> is stopped
    /// with SIGTERM; the run must end well, in place with a shared journal, and write what one node writes.
    /// </summary>
    private async Task SigtermMidRunAsync(LocalNodes nodes, int index, string outName, string how)
    {
        var storm = await StormAsync(TinyStorm);
        var oneNode = OneNodeOf(TinyStorm);
        var clustered = Path.Combine(_dir, outName);
        var run = MeshsecCli.Process(_dir, "run", storm, "--cluster", nodes.Seed, "--min-nodes", $"{nodes.Running}", "--out", clustered,
            "--speed", "200");

        var events = Path.Combine(clustered, "events.jsonl");
        while (!run.IsCompleted && !(File.Exists(events) && new FileInfo(events).Length > 0)) await Task.Delay(100);
        Assert.False(run.IsCompleted, $"the run ended before the node could be stopped:\n{(run.IsCompleted ? (await run).Err : "")}");
        Process.Start("kill", ["-TERM", $"{nodes.Pid(index)}"])!.WaitForExit();
        var done = await run.WaitAsync(Bound);

        Assert.True(done.Code == 0, $"exit {done.Code} ({cluster.Journal}):\n{done.Err}\n{nodes.Logs()}");
        var log = await File.ReadAllTextAsync(Path.Combine(clustered, "meshsec.log"));
        if (cluster.Journal == "memory")
            Assert.Contains("the run starts again on the members left (attempt 2", log, StringComparison.Ordinal);
        else
        {
            Assert.DoesNotContain("attempt 2", log, StringComparison.Ordinal);
            Assert.Contains("has left: the run goes on in place", log, StringComparison.Ordinal);
        }
        await AssertSameAsOneNodeAsync(oneNode, clustered, how);
    }
}
