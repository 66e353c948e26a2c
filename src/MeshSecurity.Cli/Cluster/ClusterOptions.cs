using System.Collections.Immutable;
using MeshSecurity.Cli.Commands;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Running;

namespace MeshSecurity.Cli.Cluster;

/// <summary>meshsec run's cluster flags: checked together, turned into the run's <see cref="ClusterTarget"/>.</summary>
public static class ClusterOptions
{
    public static RunSettings Apply(RunSettings settings, string? seeds, string? placement, int minNodes, string? hostname,
        bool journalGiven, int? joinTimeout = null, int? restarts = null)
    {
        if (seeds is null)
        {
            if (placement is not null || minNodes != 1 || hostname is not null || joinTimeout is not null || restarts is not null)
                throw new ArgumentException(
                    "--placement, --min-nodes, --cluster-hostname, --join-timeout and --restarts go with --cluster ADDRESS");
            return settings;
        }
        if (settings.Resumed) throw new ArgumentException("--resume runs on the embedded node; a cluster run cannot be resumed yet");
        if (journalGiven) throw new ArgumentException("--cluster: the members journal (meshsec node --journal); drop --journal");
        if (minNodes < 1) throw new ArgumentException($"--min-nodes must be 1 or more, got {minNodes}");
        if (joinTimeout is < 1 or > 3600) throw new ArgumentException($"--join-timeout must be 1 to 3600 seconds, got {joinTimeout}");
        if (restarts is < 0 or > 100) throw new ArgumentException($"--restarts must be 0 to 100, got {restarts}");
        ImmutableArray<string> list;
        try
        {
            list = NodeOptions.ParseSeeds(seeds);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(ex.Message.Replace("--seeds", "--cluster", StringComparison.Ordinal), ex);
        }
        // an empty list would have the driver join itself and wait for members that never come
        if (list.IsEmpty)
            throw new ArgumentException($"--cluster needs a seed address like akka.tcp://{NodeSettings.SystemName}@127.0.0.1:4053");
        var where = placement switch
        {
            null or "co-located" => MeshPlacement.CoLocated,
            "spread" => MeshPlacement.Spread,
            _ => throw new ArgumentException($"--placement must be co-located or spread, got '{placement}'"),
        };
        var host = hostname ?? "127.0.0.1";
        ClusterHost.ResolveHostname(host);
        var target = new ClusterTarget(list, where, minNodes, host);
        if (joinTimeout is { } seconds) target = target with { JoinTimeout = TimeSpan.FromSeconds(seconds) };
        if (restarts is { } times) target = target with { Restarts = times };
        return settings with { Journal = JournalSettings.Memory, Cluster = target };
    }
}
