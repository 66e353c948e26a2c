using MeshSecurity.Scenarios.Generation;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// The design card's proof, at process level: a scenario run on three `meshsec node` processes (meshsec run --cluster)
/// writes the same report.json and events.jsonl, byte for byte, as the same scenario on the embedded single node; and so
/// does a run that loses a node to SIGKILL midway: carried on in place when the node is not the oldest and the nodes share
/// a PostgreSQL journal, started again on the others from the latest checkpoint when the oldest is lost. (The spread
/// placement is checked in-process, tests/MeshSecurity.Emulator.Tests/Cluster, to keep the suite short.)
/// </summary>
[Collection(Deploy.LocalClusterCollection.Name)]
public sealed partial class ClusterRunTests(ThreeNodes cluster) : IClassFixture<ThreeNodes>, IDisposable
{
    /// <summary>A hang detector, not a speed check: the 100 pairs took over 5 minutes on 2 cores shared with other builds.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("meshsec-cluster-").FullName;

    [Fact]
    public async Task A_slash_storm_over_100_pairs_on_three_nodes_reports_what_one_node_reports()
    {
        var oneNode = OneNodeOf(Storm);
        var clustered = Path.Combine(_dir, "co-located");
        var three = await MeshsecCli.Process(_dir, "run", await StormAsync(Storm), "--cluster", cluster.Nodes.Seed, "--min-nodes", "3",
            "--placement", "co-located", "--out", clustered).WaitAsync(Bound);
        Assert.True(three.Code == 0, $"exit {three.Code} ({cluster.Journal}):\n{three.Err}\n{cluster.Nodes.Logs()}");

        Assert.Contains("expectations", three.Out, StringComparison.Ordinal);
        await AssertSameAsOneNodeAsync(oneNode, clustered, "three nodes");
    }

    /// <summary>
    /// The 100-pair storm with its fourth node (the youngest: not the clock's or the coordinators' host) killed with SIGKILL
    /// once events flow: with a shared PostgreSQL journal, its chains and relayers start on the other nodes from their
    /// snapshots and journals and the run goes on in place, one attempt (docs/decisions/0017); with memory journals it
    /// starts again on the others.
    /// </summary>
    [Fact]
    public async Task A_storm_with_a_node_killed_mid_run_goes_on_and_reports_what_one_node_reports()
    {
        var storm = await StormAsync(Storm);
        var oneNode = OneNodeOf(Storm);
        var fourth = await cluster.Nodes.AddAsync(cluster.Journal, TimeSpan.FromSeconds(90));
        var clustered = Path.Combine(_dir, "killed");
        var run = MeshsecCli.Process(_dir, "run", storm, "--cluster", cluster.Nodes.Seed, "--min-nodes", $"{cluster.Nodes.Running}",
            "--placement", "co-located", "--out", clustered);

        // once the run is past its set-up (events flow), the fourth node dies without a word
        var events = Path.Combine(clustered, "events.jsonl");
        while (!run.IsCompleted && !(File.Exists(events) && new FileInfo(events).Length > 0)) await Task.Delay(100);
        Assert.False(run.IsCompleted, $"the run ended before the node could be killed:\n{(run.IsCompleted ? (await run).Err : "")}");
        cluster.Nodes.Kill(fourth);
        var four = await run.WaitAsync(Bound);

        Assert.True(four.Code == 0, $"exit {four.Code} ({cluster.Journal}):\n{four.Err}\n{cluster.Nodes.Logs()}");
        var log = await File.ReadAllTextAsync(Path.Combine(clustered, "meshsec.log"));
        if (cluster.Journal == "memory")
            Assert.Contains("the run starts again on the members left (attempt 2", log, StringComparison.Ordinal);
        else
        {
            Assert.DoesNotContain("attempt 2", log, StringComparison.Ordinal);
            Assert.Contains("was downed: the run goes on in place", log, StringComparison.Ordinal);
        }
        await AssertSameAsOneNodeAsync(oneNode, clustered, "four nodes, one killed");
    }

    /// <summary>
    /// The first node, the seed and the oldest member (the run's clock singleton and the shard coordinators), killed with
    /// SIGKILL after a checkpoint: that loss is not carried on in place, and the run starts again on the others from its
    /// checkpoint (docs/decisions/0012). A cluster of its own, as the class's other tests join through its cluster's seed.
    /// </summary>
    [Fact]
    public async Task A_storm_with_the_oldest_node_killed_after_a_checkpoint_goes_on_from_it_and_reports_what_one_node_reports()
    {
        var storm = await StormAsync(TinyStorm);
        var oneNode = OneNodeOf(TinyStorm);
        await using var nodes = await LocalNodes.StartAsync(3, cluster.Journal, TimeSpan.FromSeconds(90));
        var clustered = Path.Combine(_dir, "killed-late");
        // paced (the history does not depend on the speed), so that a checkpoint is written well before the run's end
        var run = MeshsecCli.Process(_dir, "run", storm, "--cluster", nodes.Seed, "--min-nodes", "3", "--out", clustered,
            "--checkpoint-every", "2", "--speed", "200");

        // once the run has written a checkpoint (every 2 s of wall time: a cluster's cut gathers every chain's snapshot, too
        // slow to take at the end of every slice), the oldest node dies without a word
        var checkpoint = Path.Combine(clustered, "checkpoint.json");
        while (!run.IsCompleted && !File.Exists(checkpoint)) await Task.Delay(100);
        Assert.False(run.IsCompleted, $"the run ended before the node could be killed:\n{(run.IsCompleted ? (await run).Err : "")}");
        nodes.Kill(0);
        var three = await run.WaitAsync(Bound);

        Assert.True(three.Code == 0, $"exit {three.Code} ({cluster.Journal}):\n{three.Err}\n{nodes.Logs()}");
        var log = await File.ReadAllTextAsync(Path.Combine(clustered, "meshsec.log"));
        Assert.Matches("the run starts again on the members left \\(attempt 2 of at most 4\\), from its checkpoint at [0-9]", log);
        await AssertSameAsOneNodeAsync(oneNode, clustered, "three nodes, the oldest killed after a checkpoint");
    }

    /// <summary>100 provider/consumer pairs, 10 of the consumers' validators double-sign at once.</summary>
    private static readonly GeneratorOptions Storm = new(Topology.Pairs, 200, "storm", DoubleSigns: 10);

    /// <summary>10 pairs and 2 double-signs: enough for a member's share of chains and relayers to go on from a checkpoint.</summary>
    private static readonly GeneratorOptions TinyStorm = new(Topology.Pairs, 20, "storm", DoubleSigns: 2);

    private async Task<string> StormAsync(GeneratorOptions options)
    {
        var scenario = Path.Combine(_dir, $"storm-{options.Chains}.conf");
        await File.WriteAllTextAsync(scenario, Generator.Generate(options));
        return scenario;
    }

    /// <summary>What one node writes for each storm, run once for the class (its runs compare with it byte for byte).</summary>
    private static readonly Dictionary<GeneratorOptions, Task<(byte[] Report, byte[] Events)>> OneNode = [];

    /// <summary>A scenario on the embedded single node.</summary>
    private static async Task<(byte[] Report, byte[] Events)> OneNodeAsync(GeneratorOptions storm)
    {
        var single = Directory.CreateTempSubdirectory("meshsec-single-").FullName;
        try
        {
            // its own copy of the scenario: the cluster run may be reading the test's at the same moment
            var scenario = Path.Combine(single, $"storm-{storm.Chains}.conf");
            await File.WriteAllTextAsync(scenario, Generator.Generate(storm));
            var one = await MeshsecCli.Process(single, "run", scenario, "--journal", "memory", "--out", single).WaitAsync(Bound);
            Assert.True(one.Code == 0, one.Err);
            return (await File.ReadAllBytesAsync(Path.Combine(single, "report.json")),
                await File.ReadAllBytesAsync(Path.Combine(single, "events.jsonl")));
        }
        finally
        {
            Directory.Delete(single, recursive: true);
        }
    }

    /// <summary>
    /// The single node's run of <paramref name="storm"/>, started when a test starts so that it runs beside the cluster
    /// run (which waits on the network much of its time) rather than after it; once per class and storm.
    /// </summary>
    private Task<(byte[] Report, byte[] Events)> OneNodeOf(GeneratorOptions storm)
    {
        lock (OneNode)
        {
            if (!OneNode.TryGetValue(storm, out var once)) OneNode[storm] = once = Task.Run(() => OneNodeAsync(storm));
            return once;
        }
    }

    private async Task AssertSameAsOneNodeAsync(Task<(byte[] Report, byte[] Events)> oneNode, string clustered, string how)
    {
        var (report, events) = await oneNode;
        var (clusterReport, clusterEvents) = (await File.ReadAllBytesAsync(Path.Combine(clustered, "report.json")),
            await File.ReadAllBytesAsync(Path.Combine(clustered, "events.jsonl")));
        Assert.True(report.AsSpan().SequenceEqual(clusterReport), $"report.json differs between one node and {how} ({cluster.Journal})");
        Assert.True(events.AsSpan().SequenceEqual(clusterEvents), $"events.jsonl differs between one node and {how} ({cluster.Journal})");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
