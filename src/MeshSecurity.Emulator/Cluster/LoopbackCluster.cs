using System.Collections.Immutable;
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
        // every member on a port of its own choosing (0): a port picked free and bound later can be taken meanwhile; the first
        // member seeds itself, the others join its bound address
        ActorSystem Node(string role, string? seed, JournalSettings? own = null)
        {
            var settings = new NodeSettings
            {
                Port = 0, Seeds = seed is null ? [] : [seed], Roles = [role], Journal = own ?? journal ?? JournalSettings.Memory,
                ConfigFile = configFile, TransportFaults = transportFaults,
            };
            return ClusterHost.Start(settings, loggers ?? NullLoggerFactory.Instance, "WARNING");
        }
        var first = Node(NodeSettings.MeshRole, null, journalOf?.Invoke(0));
        var seed = Akka.Cluster.Cluster.Get(first).SelfAddress.ToString();
        var mesh = Enumerable.Range(1, members - 1).Select(i => Node(NodeSettings.MeshRole, seed, journalOf?.Invoke(i)))
            .Prepend(first).ToImmutableArray();
        foreach (var m in mesh) m.ActorOf(MeshNode.Props(MeshContracts.Codes()), MeshNode.Name);
        return new LoopbackCluster(mesh, Node(NodeSettings.DriverRole, seed));
    }

    /// <summary>A network on this cluster's members, driven from its driver, as a run of its own.</summary>
    public Task<MeshNetwork> StartNetworkAsync(NetworkSettings settings, MeshPlacement placement, string? runId = null,
        HopFault hop = HopFault.None) =>
        ClusterDriver.StartAsync(Driver, settings, MeshContracts.Codes(), RunSpec.For(settings, placement, runId) with { Hop = hop },
            Members.Length, TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        // side by side: each leaves the cluster first, which takes seconds
        await Task.WhenAll(Members.Add(Driver).Select(m => m.Terminate()));
    }
}
