using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Emulator.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// A cluster inside one process: N "mesh" members and a driver, each its own actor system on a free loopback port, for
/// tests (the multi-node test kit is not served here) and the bench. Members talk over real remoting, so every message
/// between them is serialized.
/// </summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    private LoopbackCluster(ImmutableArray<ActorSystem> members, ActorSystem driver)
    {
        Members = members;
        Driver = driver;
    }

    public ImmutableArray<ActorSystem> Members { get; }
    public ActorSystem Driver { get; }

    /// <summary>
    /// Starts the members and the driver; <paramref name="configFile"/> is HOCON layered over every one's cluster.conf (as
    /// `meshsec node --config` does), e.g. shorter failure detection for a test; with <paramref name="transportFaults"/>
    /// every member remotes through the throttler (`meshsec node --transport-faults`). <paramref name="journalOf"/> gives
    /// member i a journal of its own (instead of <paramref name="journal"/>), as members started apart may have.
    /// </summary>
    public static LoopbackCluster Start(int members, ILoggerFactory? loggers = null, JournalSettings? journal = null,
        string? configFile = null, bool transportFaults = false, Func<int, JournalSettings>? journalOf = null)
    {
        var ports = Enumerable.Range(0, members + 1).Select(_ => FreePort()).ToArray();
        var seed = $"akka.tcp://{NodeSettings.SystemName}@127.0.0.1:{ports[0]}";
        ActorSystem Node(int port, string role, JournalSettings? own = null)
        {
            var settings = new NodeSettings
            {
                Port = port, Seeds = [seed], Roles = [role], Journal = own ?? journal ?? JournalSettings.Memory, ConfigFile = configFile,
                TransportFaults = transportFaults,
            };
            return ClusterHost.Start(settings, loggers ?? NullLoggerFactory.Instance, "WARNING");
        }
        var mesh = ports[..members].Select((p, i) => Node(p, NodeSettings.MeshRole, journalOf?.Invoke(i))).ToImmutableArray();
        foreach (var m in mesh) m.ActorOf(MeshNode.Props(MeshContracts.Codes()), MeshNode.Name);
        return new LoopbackCluster(mesh, Node(ports[members], NodeSettings.DriverRole));
    }

    /// <summary>A network on this cluster's members, driven from its driver, as a run of its own.</summary>
    public Task<MeshNetwork> StartNetworkAsync(NetworkSettings settings, MeshPlacement placement, string? runId = null,
        HopFault hop = HopFault.None) =>
        ClusterDriver.StartAsync(Driver, settings, MeshContracts.Codes(), RunSpec.For(settings, placement, runId) with { Hop = hop },
            Members.Length, TimeSpan.FromSeconds(60));

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        // side by side: each leaves the cluster first, which takes seconds
        await Task.WhenAll(Members.Add(Driver).Select(m => m.Terminate()));
    }
}
