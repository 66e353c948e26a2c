using Akka.Actor;
using Akka.Cluster;
using MeshSecurity.Emulator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>`meshsec node --port 0` with no seeds: the member seeds itself at the port it was given, not at port 0.</summary>
public class AnyPortNodeTests
{
    [Fact]
    public async Task A_node_on_any_free_port_without_seeds_joins_itself_and_is_up()
    {
        var node = new NodeSettings { Port = 0, ControlPort = 0 };
        var system = ClusterHost.Start(node, NullLoggerFactory.Instance, "WARNING");
        try
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            // what the cluster looks like the moment this member is up (later, a test elsewhere that picked the same port
            // as a seed could join it)
            var up = new TaskCompletionSource<(MemberStatus, Address[])>();
            cluster.RegisterOnMemberUp(() =>
                up.TrySetResult((cluster.SelfMember.Status, [.. cluster.State.Members.Select(m => m.Address)])));
            var (status, members) = await up.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.NotEqual(0, cluster.SelfAddress.Port);
            Assert.Equal(MemberStatus.Up, status);
            Assert.Contains(cluster.SelfAddress, members);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
