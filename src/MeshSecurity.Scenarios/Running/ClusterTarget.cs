using System.Collections.Immutable;
using MeshSecurity.Emulator.Cluster;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// A running cluster to run a scenario on (meshsec run --cluster): its seeds, the placement of the run's entities, how
/// many "mesh" members to wait for, and the address this driver is reached at by them.
/// </summary>
public sealed record ClusterTarget(ImmutableArray<string> Seeds, MeshPlacement Placement = MeshPlacement.CoLocated, int MinMembers = 1,
    string Hostname = "127.0.0.1")
{
    /// <summary>How long the driver waits to join and for the members to host the run.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times the run starts again on the members left after losing one (0: the run fails instead).</summary>
    public int Restarts { get; init; } = 3;
}
