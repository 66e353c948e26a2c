using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A cluster inside one test process: N "mesh" members and a driver, each its own actor system on a free loopback
/// port (the multi-node test kit is not served here). Members talk over real remoting, so every message between them is
/// serialized.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private InProcessCluster(ImmutableArray<ActorSystem> members, ActorSystem driver)
    {
        Members = members;
        Driver = driver;
    }

    public ImmutableArray<ActorSystem> Members { get; }
    public ActorSystem Driver { get; }

    public static InProcessCluster Start(int members, JournalSettings? journal = null, string? logFile = null)
    {
        var ports = Enumerable.Range(0, members + 1).Select(_ => FreePort()).ToArray();
        var seed = $"akka.tcp://{NodeSettings.SystemName}@127.0.0.1:{ports[0]}";
        ActorSystem Node(int port, string role)
        {
            var settings = new NodeSettings { Port = port, Seeds = [seed], Roles = [role], Journal = journal ?? JournalSettings.Memory };
            return ClusterHost.Start(settings, logFile is null ? NullLoggerFactory.Instance : new FileLoggerFactory(logFile), "WARNING");
        }
        var mesh = ports[..members].Select(p => Node(p, NodeSettings.MeshRole)).ToImmutableArray();
        foreach (var m in mesh) m.ActorOf(MeshNode.Props(MeshContracts.Codes()), MeshNode.Name);
        return new InProcessCluster(mesh, Node(ports[members], NodeSettings.DriverRole));
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Driver.Terminate();
        foreach (var m in Members.Reverse()) await m.Terminate();
    }
}
