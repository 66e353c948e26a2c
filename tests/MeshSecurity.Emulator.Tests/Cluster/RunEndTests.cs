using Akka.Actor;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Network;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A run that ends leaves nothing on the members once its end is answered: a long-lived cluster does not keep every past
/// run's chains, and the next attempt of a run (the same persistence ids) never meets the last one's.
/// </summary>
public class RunEndTests
{
    [Fact]
    public async Task Disposing_a_cluster_run_stops_its_shard_regions_and_clock_on_every_member()
    {
        await using var cluster = LoopbackCluster.Start(2);
        var net = await cluster.StartNetworkAsync(new NetworkSettings(Seed: "end"), MeshPlacement.Spread, runId: "ending");
        await net.AddChainsAsync(Juno);
        await net.RunForAsync(30);
        foreach (var member in cluster.Members)
            Assert.True(await Exists(member, "/system/sharding/chains-ending"), "the run's chain region is on every member");

        await net.DisposeAsync();

        foreach (var member in cluster.Members)
        {
            Assert.False(await Exists(member, "/system/sharding/chains-ending"), "the chain region stopped");
            Assert.False(await Exists(member, "/system/sharding/channels-ending"), "the channel region stopped");
            Assert.False(await Exists(member, "/user/mesh-node/clock-ending"), "the clock's singleton manager stopped");
        }
    }

    private static async Task<bool> Exists(ActorSystem system, string path)
    {
        try
        {
            await system.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (ActorNotFoundException)
        {
            return false;
        }
    }
}
