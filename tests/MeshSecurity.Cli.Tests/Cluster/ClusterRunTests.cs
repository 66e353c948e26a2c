using MeshSecurity.Scenarios.Generation;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// The design card's proof, at process level: a scenario run on three `meshsec node` processes (meshsec run --cluster)
/// writes the same report.json and events.jsonl, byte for byte, as the same scenario on the embedded single node. (The
/// spread placement is checked in-process, tests/MeshSecurity.Emulator.Tests/Cluster, to keep the suite short.)
/// </summary>
[Collection(Deploy.LocalClusterCollection.Name)]
public sealed class ClusterRunTests(ThreeNodes cluster) : IClassFixture<ThreeNodes>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);
    private readonly string _dir = Directory.CreateTempSubdirectory("meshsec-cluster-").FullName;

    [Fact]
    public async Task A_slash_storm_over_100_pairs_on_three_nodes_reports_what_one_node_reports()
    {
        // 100 provider/consumer pairs, 10 of the consumers' validators double-sign at once
        var scenario = Path.Combine(_dir, "storm.conf");
        await File.WriteAllTextAsync(scenario, Generator.Generate(new GeneratorOptions(Topology.Pairs, 200, "storm", DoubleSigns: 10)));
        await AssertSameAsOneNodeAsync(scenario, "co-located");
    }

    private async Task AssertSameAsOneNodeAsync(string scenario, string placement)
    {
        var name = Path.GetFileNameWithoutExtension(scenario);
        var (single, clustered) = (Path.Combine(_dir, $"{name}-single"), Path.Combine(_dir, $"{name}-{placement}"));
        var one = await MeshsecCli.Process(_dir, "run", scenario, "--journal", "memory", "--out", single).WaitAsync(Bound);
        Assert.True(one.Code == 0, one.Err);
        var three = await MeshsecCli.Process(_dir, "run", scenario, "--cluster", cluster.Nodes.Seed, "--min-nodes", "3",
            "--placement", placement, "--out", clustered).WaitAsync(Bound);
        Assert.True(three.Code == 0, $"exit {three.Code} ({cluster.Journal}):\n{three.Err}\n{cluster.Nodes.Logs()}");

        Assert.Contains("expectations", three.Out, StringComparison.Ordinal);
        foreach (var file in new[] { "report.json", "events.jsonl" })
        {
            var a = await File.ReadAllBytesAsync(Path.Combine(single, file));
            var b = await File.ReadAllBytesAsync(Path.Combine(clustered, file));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between one node and three ({placement}, {cluster.Journal})");
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
