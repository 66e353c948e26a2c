using System.Diagnostics;
using MeshSecurity.Emulator.Cluster;

namespace MeshSecurity.Cli.Bench;

/// <summary>g. A cluster on loopback: three members and a driver, each its own actor system in this process.</summary>
public sealed partial class BenchRunner
{
    /// <summary>
    /// The 4-link relay cycle of group b with the chains and channels on three cluster members (real remoting, every
    /// message between members serialized), co-located or spread; and the windows the clock runs per second meanwhile.
    /// </summary>
    private async Task ClusterRelayAsync(MeshPlacement placement)
    {
        const int pairs = 4;
        var n = quick ? 200 : 2_000;
        var reps = quick ? 2 : 3;
        await using var cluster = LoopbackCluster.Start(3);
        var net = await cluster.StartNetworkAsync(RelayBench.Settings, placement);
        await using var relay = await RelayBench.StartAsync(net, n, reps + 1, pairs);
        await relay.CycleAsync(relay.Prepare(reps));
        var samples = new List<double>();
        var windows = new List<double>();
        for (var rep = 0; rep < reps; rep++)
        {
            var txs = relay.Prepare(rep);
            var before = (await net.ClockStatusAsync()).Windows;
            var wall = Stopwatch.StartNew();
            await relay.CycleAsync(txs);
            wall.Stop();
            samples.Add(n / wall.Elapsed.TotalSeconds);
            windows.Add(((await net.ClockStatusAsync()).Windows - before) / wall.Elapsed.TotalSeconds);
        }
        await relay.CheckAsync(reps + 1);
        var name = placement == MeshPlacement.Spread ? "spread" : "co_located";
        var how = placement == MeshPlacement.Spread
            ? "every chain and channel placed by its own hash: most relay messages cross members"
            : "each link's channels on its provider chain's member";
        Add(new BenchResult($"cluster_windows_{name}", "g", $"cluster windows per second, {name.Replace('_', '-')}", "windows/s",
            windows, "windows the clock singleton ran per wall second during the relay cycles"));
        Add(new BenchResult($"cluster_relayed_packets_{name}", "g", $"relayed packets, 3-member cluster, {name.Replace('_', '-')}",
            "packets/s", samples, $"as relayed_packets_{pairs}_links, on 3 members and a driver (loopback, one process): {how}"));
    }
}
