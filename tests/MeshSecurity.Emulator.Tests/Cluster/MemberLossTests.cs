using Akka.Actor;
using Akka.Cluster;
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

    [Fact]
    public void A_lost_run_is_ended_on_the_members_left_and_not_asked_of_the_member_it_lost()
    {
        var (a, b, c, d) = (At(4053), At(4054), At(4055), At(4056));
        // the driver can see the lost member leaving (its shutdown's leave was gossiped before its down): asked to end the run,
        // a member gone answers only at the ask's timeout, which the next attempt waited (docs/bench.md, g)
        (Address, MemberStatus)[] seen = [(a, MemberStatus.Up), (b, MemberStatus.Leaving), (c, MemberStatus.Up), (d, MemberStatus.Down)];
        var lost = new ClusterMemberLostException(b.ToString(), "left the cluster");

        Assert.Equal([a, c], ClusterDriver.MembersToEnd(seen, [a, b, c, d], lost));
        // a run that ends without a loss (or fails otherwise) ends on every member up or leaving
        Assert.Equal([a, b, c], ClusterDriver.MembersToEnd(seen, [a, b, c, d], null));
        Assert.Equal([a, b, c], ClusterDriver.MembersToEnd(seen, [a, b, c, d], new TimeoutException("clock")));
    }

    private static Address At(int port) => new("akka.tcp", "meshsec", "127.0.0.1", port);
}
