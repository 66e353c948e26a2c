namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// A "mesh" member left or was removed while a run depended on it: this attempt of the run cannot go on, and says so at
/// once instead of waiting for a reply. A scenario run starts again on the other members (docs/cluster.md).
/// </summary>
public sealed class ClusterMemberLostException(string address, string what, string? outcome = null)
    : Exception($"cluster member {address} {what} during the run" + (outcome is null ? "" : $"; {outcome}"))
{
    public string Address { get; } = address;

    /// <summary>What happened to the member ("left the cluster", "was removed from the cluster").</summary>
    public string What { get; } = what;
}
