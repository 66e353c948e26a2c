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

    /// <summary>
    /// Stops a channel entity without a hand-off as every <see cref="ChannelKillingHop.Every"/>th digest for it reaches its
    /// region (the tick phase, digests of the window kept or being kept), and lets sharding start it again
    /// (docs/decisions/0017). Only a member's hops kill; a driver's deliver once.
    /// </summary>
    KillChannelAtDigest,

    /// <summary>
    /// The same, as every <see cref="ChannelKillingHop.Every"/>th relay window for it reaches its region (its digests kept).
    /// </summary>
    KillChannelAtRelay,

    /// <summary>
    /// The same, as every <see cref="ChannelKillingHop.Every"/>th submission of it reaches its chain's region (the relay
    /// phase, its submissions sent and not all answered).
    /// </summary>
    KillChannelAtSubmission,

    /// <summary>
    /// The same, for the channels that submitted in the window, as every <see cref="ChannelKillingHop.Every"/>th seal reaches
    /// a chain's region (they answered the window: it is journaled).
    /// </summary>
    KillChannelAtSeal,
}
