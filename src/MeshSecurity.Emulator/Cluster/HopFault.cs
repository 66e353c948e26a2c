namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// A test setting of a run (<see cref="RunSpec.Hop"/>): what the hop between an entity or the clock and the shard regions
/// does to the window's messages, to show that they are retried and deduplicated (docs/decisions/0013).
/// </summary>
public enum HopFault
{
    /// <summary>Delivers each message once, as sharding does when nothing moves.</summary>
    None,

    /// <summary>Drops the first copy of each window message (a tick, a relay, a seal, a digest, a relayer's submission).</summary>
    DropFirst,

    /// <summary>Delivers every message twice.</summary>
    Twice,
}
