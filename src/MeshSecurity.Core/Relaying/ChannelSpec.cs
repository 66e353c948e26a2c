using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// What a relayer path connects: a port on chain A and a port on chain B, the channel's version and ordering, the
/// relayer's latency and batch size, and the seed of its latency draws. <paramref name="Connection"/> reuses an
/// existing connection (a chain pair has one connection and many channels); null creates clients and a connection, whose
/// max clock drift is <paramref name="MaxClockDriftSeconds"/> (null: <see cref="DefaultMaxClockDriftSeconds"/>, kept out
/// of stored specs so that those written before it read the same).
/// </summary>
public sealed record ChannelSpec(
    string ChainA,
    string PortA,
    string ChainB,
    string PortB,
    string Version,
    IbcOrder Order = IbcOrder.Unordered,
    LatencyModel? Latency = null,
    int BatchSize = 30,
    string Seed = "",
    ChannelEnds? Connection = null,
    string? VersionB = null,
    [property: System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    ulong? MaxClockDriftSeconds = null)
{
    /// <summary>
    /// Hermes's computed default for the clients it creates: both chains' clock_drift (5 s each) and the host's
    /// max_block_time (30 s).
    /// </summary>
    public const ulong DefaultMaxClockDriftSeconds = 40;

    public ulong EffectiveMaxClockDriftSeconds => MaxClockDriftSeconds ?? DefaultMaxClockDriftSeconds;

    /// <summary>The version chain B proposes in its try step (the same as A's unless a test makes them differ).</summary>
    public string EffectiveVersionB => VersionB ?? Version;

    public LatencyModel EffectiveLatency => Latency ?? LatencyModel.Zero;
}
