using MeshSecurity.Emulator.Events;
using Akka.Actor;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>A network whose chains and channels are spread over cluster members gives the single node's history, event for event.</summary>
public class ClusterDeterminismTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(MeshPlacement.CoLocated)]
    [InlineData(MeshPlacement.Spread)]
    public async Task Two_members_and_a_driver_give_the_single_nodes_history(MeshPlacement placement)
    {
        var settings = new NetworkSettings(Seed: "same");
        var single = await SingleNodeHistoryAsync(settings);

        var log = Path.Combine(Path.GetTempPath(), $"meshsec-cluster-{placement}.log");
        File.Delete(log);
        output.WriteLine($"members' logs: {log}");
        await using var cluster = LoopbackCluster.Start(2, new FileLoggerFactory(log));
        await using var onCluster = (await cluster.StartNetworkAsync(settings, placement)).KeepingHistory();
        var clustered = (await DeterminismTests.DriveAsync(onCluster)).Select(DeterminismTests.Render).ToList();
        output.WriteLine($"{single.Count} events on one node, {clustered.Count} on the cluster");

        Assert.True(single.Count > 250, $"{single.Count} events");
        Assert.Equal(single, clustered);
    }

    /// <summary>The history of <see cref="DeterminismTests.DriveAsync"/> on one node, rendered: what a cluster must give.</summary>
    internal static Task<IReadOnlyList<string>> SingleNodeHistoryAsync(NetworkSettings settings) =>
        SingleNodeHistoryAsync(settings, net => DeterminismTests.DriveAsync(net));

    /// <summary>The history of <paramref name="drive"/> on one node, rendered.</summary>
    internal static async Task<IReadOnlyList<string>> SingleNodeHistoryAsync(NetworkSettings settings,
        Func<MeshNetwork, Task<IReadOnlyList<EmulatorEvent>>> drive)
    {
        var system = ActorSystem.Create("single");
        try
        {
            await using var net = MeshNetwork.Start(system, settings).KeepingHistory();
            return [.. (await drive(net)).Select(DeterminismTests.Render)];
        }
        finally
        {
            await system.Terminate();
        }
    }
}
