using MeshSecurity.Cli.Commands;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Generation;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// A run's driver downed by its own cluster (as the split-brain resolver downs a driver starved of CPU, its heartbeats late)
/// says so, and what to do, with the exit code of the other cluster failures (2), not as an internal error.
/// </summary>
public sealed class DownedDriverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshsec-downed-driver-").FullName;

    [Fact]
    public async Task A_driver_downed_by_its_cluster_mid_run_says_it_was_removed_and_exits_2()
    {
        // the cluster in this process, the run's driver a meshsec process of its own that joins it
        await using var cluster = LoopbackCluster.Start(2);
        var member = Akka.Cluster.Cluster.Get(cluster.Members[0]);
        var scenario = Path.Combine(_dir, "storm.conf");
        await File.WriteAllTextAsync(scenario, Generator.Generate(new GeneratorOptions(Topology.Pairs, 20, "storm", DoubleSigns: 2)));
        var outDir = Path.Combine(_dir, "out");
        var run = MeshsecCli.Process(_dir, "run", scenario, "--cluster", member.SelfAddress.ToString(), "--min-nodes", "2",
            "--out", outDir, "--speed", "200");

        // once the run is past its set-up (events flow), the members down its driver
        var events = Path.Combine(outDir, "events.jsonl");
        while (!run.IsCompleted && !(File.Exists(events) && new FileInfo(events).Length > 0)) await Task.Delay(100);
        Assert.False(run.IsCompleted, "the run ended before its driver could be downed");
        var ours = Akka.Cluster.Cluster.Get(cluster.Driver).SelfAddress;
        var driver = member.State.Members.Single(m => m.HasRole(NodeSettings.DriverRole) && m.Address != ours).Address;
        member.Down(driver);
        var (code, _, err) = await run.WaitAsync(TimeSpan.FromMinutes(5));

        Assert.True(code == ExitCodes.BadInput, $"exit {code}:\n{err}");
        Assert.Contains($"meshsec run: this driver ({driver}) was removed from the cluster during the run", err, StringComparison.Ordinal);
        Assert.Contains("run it again once the machine has CPU to spare", err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", err, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
