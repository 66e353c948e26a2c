using Akka.Actor;
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
            // the callback runs once the leader moved this member to Up: it joined itself (a join of port 0 never gets there)
            var up = new TaskCompletionSource();
            cluster.RegisterOnMemberUp(() => up.TrySetResult());
            await up.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.NotEqual(0, cluster.SelfAddress.Port);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
