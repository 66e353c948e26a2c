using System.Collections.Immutable;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// What a live fault takes besides its run, link or chain: the scenario keys of its chaos step (docs/scenarios.md,
/// "Chaos steps"), checked for form by the control API; <see cref="MeshNode"/> checks the names against the run.
/// </summary>
public sealed record ChaosArgs
{
    public static readonly ChaosArgs None = new();

    /// <summary>relayer.pause: "mesh" or "ics20" (null: both channels).</summary>
    public string? Channel { get; init; }

    /// <summary>relayer.pause, relayer.starve: "to-consumer" or "to-provider" (null: both ways).</summary>
    public string? Direction { get; init; }

    /// <summary>relayer.censor, relayer.starve, ibc.error-ack: a packet kind (Core's PacketKinds).</summary>
    public string? Packet { get; init; }

    /// <summary>
    /// relayer.lag's delay, relayer.clear-interval's interval, chain.clock-jump's jump, net.reorder's window, in nanoseconds.
    /// </summary>
    public ulong Nanos { get; init; }

    /// <summary>chain.clock-skew: how far ahead (positive) or behind the validators' clocks are, in nanoseconds.</summary>
    public long OffsetNanos { get; init; }

    /// <summary>relayer.batch-size: packets per transaction; relayer.race: how many relayers race.</summary>
    public int? Size { get; init; }

    /// <summary>
    /// ibc.client-expire: "provider" or "consumer" (null: both); ibc.close-channel: the side that closes (null: provider).
    /// </summary>
    public string? Side { get; init; }

    /// <summary>net.loss: the share of packets lost, above 0 and at most 1 (as the scenario writes it).</summary>
    public string? Fraction { get; init; }

    /// <summary>econ.price-shock: what the oracle's price is multiplied by while it holds, above 0 (as the scenario writes it).</summary>
    public string? Factor { get; init; }

    /// <summary>econ.withdraw-race: the provider chain's account that races.</summary>
    public string? Account { get; init; }

    /// <summary>net.latency: the distribution the links' relayers draw from while it holds.</summary>
    public Core.Relaying.LatencyModel? Latency { get; init; }

    /// <summary>net.partition: the sides named (a side of `chains`, or the `groups`); the chains left out make one more.</summary>
    public ImmutableArray<ImmutableArray<string>> Groups { get; init; } = [];

    /// <summary>econ.slash-storm: "chain/validator" of distinct chains.</summary>
    public ImmutableArray<string> Validators { get; init; } = [];

    /// <summary>How status shows the fault's own settings after its target ("30s", "mesh to-consumer", "0.5").</summary>
    public string Shown { get; init; } = "";
}
