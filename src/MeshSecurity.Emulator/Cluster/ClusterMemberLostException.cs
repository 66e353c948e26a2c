namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// A "mesh" member left or was removed while a run depended on it: the run cannot go on (a run does not survive a
/// member's loss yet, docs/decisions/0007-a-run-on-a-cluster.md), and says so at once instead of waiting for a reply.
/// </summary>
public sealed class ClusterMemberLostException(string address, string status)
    : Exception($"cluster member {address} was {status} during the run; a run does not survive the loss of a member yet " +
                "(docs/decisions/0007-a-run-on-a-cluster.md): start the run again")
{
    public string Address { get; } = address;
}
