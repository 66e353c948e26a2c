using System.Net;
using System.Net.Sockets;
using MeshSecurity.Cli.Cluster;
using MeshSecurity.Emulator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// A port taken by another process after meshsec node's probe and before its bind (a race the probe cannot close) gets
/// the probe's refusal (exit code 2, the port and its flag), not an internal error: the real binds' failures are
/// recognised, Akka.Remote's for the remoting port and Kestrel's for the control API.
/// </summary>
public sealed class PortRaceTests
{
    [Fact]
    public void A_remoting_port_taken_before_the_bind_is_refused_as_in_use()
    {
        using var holder = Holder(out var port);
        var node = new NodeSettings { Port = port, ControlPort = null };

        var failure = Record.Exception(() => ClusterHost.Start(node, NullLoggerFactory.Instance, "OFF").Terminate().Wait());

        Assert.NotNull(failure);
        Assert.Equal($"--port (or MESHSEC_PORT): port {port} on 127.0.0.1 is in use (another meshsec node, or another program): " +
            "stop it, or choose another port (0 takes any free one)", PortProbe.RemotingTaken(failure, node));
        Assert.Null(PortProbe.RemotingTaken(new InvalidOperationException("no seed answered"), node));
    }

    [Fact]
    public async Task A_control_port_taken_before_the_bind_is_refused_as_in_use()
    {
        using var holder = Holder(out var port);
        var node = new NodeSettings { Port = 0, ControlPort = port };
        var system = ClusterHost.Start(node, NullLoggerFactory.Instance, "OFF");
        try
        {
            var failure = await Record.ExceptionAsync(async () =>
                await (await ControlApi.StartAsync(system, node, NullLoggerFactory.Instance, () => { })).DisposeAsync());

            Assert.NotNull(failure);
            Assert.StartsWith($"--control-port (or MESHSEC_CONTROL_PORT): port {port} on 127.0.0.1 is in use",
                PortProbe.ControlTaken(failure, node), StringComparison.Ordinal);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static TcpListener Holder(out int port)
    {
        var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        port = ((IPEndPoint)holder.LocalEndpoint).Port;
        return holder;
    }
}
