using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// Starts a cluster member: hocon/cluster.conf over the single node's configuration (node.conf and the journal's), with the
/// address, seeds and roles of <see cref="NodeSettings"/>, and the user's own HOCON file over all of it.
/// </summary>
public static class ClusterHost
{
    /// <summary>The hostname that means "this machine's first non-loopback IPv4 address" (a scaled container's).</summary>
    public const string AutoHostname = "auto";

    public static Config Config(NodeSettings node, string logLevel = "INFO")
    {
        var host = ResolveHostname(node.Hostname);
        var bind = node.BindHostname is { } b ? ResolveHostname(b) : host;
        // a seed written in the throttler's protocol means the cluster uses it: a driver learns it from its --cluster address
        if (node.Seeds.Any(s => s.StartsWith(NodeSettings.FaultProtocol + "://", StringComparison.Ordinal)))
            node = node with { TransportFaults = true };
        ImmutableArray<string> seeds = !node.Seeds.IsDefaultOrEmpty ? node.Seeds.Select(node.InProtocol).ToImmutableArray()
            : SeedsItself(node) ? [] // joins itself once bound: see Start
            : [$"{node.Protocol}://{NodeSettings.SystemName}@{host}:{node.Port}"];
        var generated = $"""
            akka.remote.dot-netty.tcp.applied-adapters = [{(node.TransportFaults ? "trttl" : "")}]
            akka.remote.dot-netty.tcp.hostname = {Quote(bind)}
            akka.remote.dot-netty.tcp.public-hostname = {Quote(host)}
            akka.remote.dot-netty.tcp.port = {node.Port}
            akka.cluster.roles = [{string.Join(", ", node.Roles.Select(Quote))}]
            akka.cluster.seed-nodes = [{string.Join(", ", seeds.Select(Quote))}]
            """;
        var user = node.ConfigFile is { } file ? ConfigurationFactory.ParseString(File.ReadAllText(file)) : Akka.Configuration.Config.Empty;
        return user
            .WithFallback(ConfigurationFactory.ParseString(generated))
            .WithFallback(ConfigurationFactory.ParseString(NodeHost.Resource("cluster.conf")))
            .WithFallback(NodeHost.Config(node.Journal, logLevel))
            // sharding's and the singleton's serializers from the start: a driver may reach a coordinator here before
            // this member has used either extension
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig());
    }

    public static ActorSystem Start(NodeSettings node, ILoggerFactory loggerFactory, string logLevel = "INFO")
    {
        var setup = BootstrapSetup.Create().WithConfig(Config(node, logLevel)).And(new LoggerFactorySetup(loggerFactory));
        var system = ActorSystem.Create(NodeSettings.SystemName, setup);
        if (SeedsItself(node))
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            cluster.Join(cluster.SelfAddress);
        }
        return system;
    }

    /// <summary>A node on any free port (0) with no seeds: its own address, the seed, is known only once it is bound.</summary>
    private static bool SeedsItself(NodeSettings node) => node.Seeds.IsDefaultOrEmpty && node.Port == 0;

    /// <summary><see cref="AutoHostname"/> becomes the first up, non-loopback IPv4 address; anything else is kept.</summary>
    public static string ResolveHostname(string hostname)
    {
        if (!string.Equals(hostname, AutoHostname, StringComparison.OrdinalIgnoreCase)) return hostname;
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return address?.ToString() ?? throw new InvalidOperationException(
            "hostname 'auto': this machine has no non-loopback IPv4 address; give --hostname (or MESHSEC_HOSTNAME)");
    }

    private static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
