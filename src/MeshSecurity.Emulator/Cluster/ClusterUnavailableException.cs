namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// The cluster a driver was pointed at could not take the run: nobody answered at the seeds, too few "mesh" members
/// came up, or they did not host the run in time. Nothing ran.
/// </summary>
public sealed class ClusterUnavailableException(string message) : Exception(message);
