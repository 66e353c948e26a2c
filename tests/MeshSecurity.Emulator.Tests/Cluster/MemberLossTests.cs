using Akka.Actor;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Network;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A network does not go on after losing a member: when one goes, it fails at once, naming the member, instead of waiting
/// out its requests (a scenario run then starts again on the other members: tests/MeshSecurity.Scenarios.Tests/Cluster).
/// </summary>
public class MemberLossTests
{
    [Fact]
    public async Task A_member_that_leaves_mid_run_fails_the_run_at_once_naming_it()
    {
        await using var cluster = LoopbackCluster.Start(2);
        await using var net = await cluster.StartNetworkAsync(new NetworkSettings(Seed: "loss"), MeshPlacement.Spread);
        await net.AddChainsAsync(Juno);
        await net.RunForAsync(30);
        var lost = Akka.Cluster.Cluster.Get(cluster.Members[1]).SelfAddress.ToString();

        await cluster.Members[1].Terminate();

        var failure = await Assert.ThrowsAsync<ClusterMemberLostException>(() => net.Failure.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(lost, failure.Address);
        Assert.Contains("during the run", failure.Message, StringComparison.Ordinal);
    }
}
