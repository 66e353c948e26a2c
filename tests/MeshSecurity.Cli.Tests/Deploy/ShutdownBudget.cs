using Akka.Configuration;

namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// The longest a cluster member's coordinated shutdown can take: every phase of akka.coordinated-shutdown running to
/// its timeout, as hocon/cluster.conf sets them over node.conf and Akka's defaults. Docker (stop_grace_period) and
/// deploy/local-cluster.sh must wait longer than that before they kill a member.
/// </summary>
public static class ShutdownBudget
{
    /// <summary>The total the cluster's configuration is written to (issue 11), used until hocon/cluster.conf exists.</summary>
    public static readonly TimeSpan Assumed = TimeSpan.FromSeconds(30);

    public static string ClusterConf => Path.Combine(RepoFiles.Root, "hocon", "cluster.conf");

    /// <summary>The total from hocon/cluster.conf, or <see cref="Assumed"/> (and why) while there is no such file.</summary>
    public static (TimeSpan Total, string Source) Current()
    {
        if (!File.Exists(ClusterConf)) return (Assumed, "assumed: hocon/cluster.conf does not exist yet");
        var node = ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(RepoFiles.Root, "hocon", "node.conf")));
        var cluster = ConfigurationFactory.ParseString(File.ReadAllText(ClusterConf));
        return (Total(cluster.WithFallback(node).WithFallback(ConfigurationFactory.Default())), "hocon/cluster.conf");
    }

    /// <summary>The sum of every phase's timeout (its own, or default-phase-timeout).</summary>
    public static TimeSpan Total(Config config)
    {
        var shutdown = config.GetConfig("akka.coordinated-shutdown");
        var fallback = shutdown.GetTimeSpan("default-phase-timeout");
        var phases = shutdown.GetConfig("phases");
        return phases.Root.GetObject().Items.Keys
            .Select(phase => phases.GetConfig(phase).GetTimeSpan("timeout", fallback))
            .Aggregate(TimeSpan.Zero, (sum, t) => sum + t);
    }
}
