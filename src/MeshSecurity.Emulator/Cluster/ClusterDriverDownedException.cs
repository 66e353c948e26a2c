namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// The run's driver itself was downed by its cluster (its heartbeats came too late, as on a machine starved of CPU, and
/// the split-brain resolver removed it): its actor system shuts down, so the run cannot go on, nor start again from it.
/// </summary>
public sealed class ClusterDriverDownedException(string address, Exception? cause = null)
    : Exception($"this driver ({address}) was removed from the cluster during the run (downed: its heartbeats did not " +
                "reach the members in time, as on a machine starved of CPU), so the run stopped before its end; run it " +
                "again once the machine has CPU to spare", cause)
{
    public string Address { get; } = address;
}
