using MeshSecurity.Emulator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A second member started on a port another member listens on fails to start. With .NET's address reuse on Linux (which
/// sets SO_REUSEPORT too) both would listen and the kernel would share connections between them: joins and gossip would
/// reach either member at random, and two clusters, or two runs' tests, would mix (hocon/cluster.conf turns it off).
/// </summary>
public class PortInUseTests
{
    [Fact]
    public async Task A_member_on_a_port_another_member_listens_on_fails_to_start()
    {
        var first = ClusterHost.Start(new NodeSettings { Port = 0, ControlPort = 0 }, NullLoggerFactory.Instance, "OFF");
        try
        {
            var port = Akka.Cluster.Cluster.Get(first).SelfAddress.Port!.Value;
            var second = new NodeSettings { Port = port, ControlPort = 0, Seeds = [Akka.Cluster.Cluster.Get(first).SelfAddress.ToString()] };

            var failure = Record.Exception(() => ClusterHost.Start(second, NullLoggerFactory.Instance, "OFF").Terminate().Wait());

            Assert.NotNull(failure);
        }
        finally
        {
            await first.Terminate();
        }
    }
}
