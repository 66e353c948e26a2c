namespace MeshSecurity.Emulator.Cluster;

/// <summary>Where a cluster puts a run's entities.</summary>
public enum MeshPlacement
{
    /// <summary>A link's channels on the node of their provider chain: relaying stays on one node as far as it can.</summary>
    CoLocated,

    /// <summary>Every chain and channel by its own hash: most relayed messages cross nodes (a stress of the wire).</summary>
    Spread,
}
