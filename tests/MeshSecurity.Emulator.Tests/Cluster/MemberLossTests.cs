using Akka.Actor;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Network;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A run does not survive the loss of a member yet (docs/decisions/0007): when one goes, the run's network fails at
/// once, naming the member, instead of waiting out its requests.
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
        Assert.Contains("does not survive", failure.Message, StringComparison.Ordinal);
    }
}
