namespace MeshSecurity.Emulator.Time;

/// <summary>
/// How fast emulated time runs: <see cref="Speed"/> emulated seconds per wall second, or null for as fast as the machine
/// allows; how long a window may wait for an entity before the run says so and re-sends it its message; and a cap on
/// the window length below the lookahead (1 ns: one instant per window, as a per-instant clock would run). The history
/// depends on none of them.
/// </summary>
public sealed record ClockSettings(double? Speed = null, TimeSpan? StallTimeout = null, ulong? MaxWindowNanos = null)
    : Protocol.IMeshProtocolMember
{
    /// <summary>
    /// A cluster's clock holds the chains' events until the driver's recorder subscribes (again, after the clock moved);
    /// a single node's publishes them on its event stream.
    /// </summary>
    public bool HoldEvents { get; init; }

    /// <summary>
    /// How many times a window's message is sent again to an entity that does not answer, a stall timeout apart, before
    /// the run fails naming the message and the entity (0: the default, 20).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int MaxResends { get; init; }

    public int EffectiveMaxResends => MaxResends > 0 ? MaxResends : 20;

    public static readonly ClockSettings Max = new();

    public TimeSpan EffectiveStallTimeout => StallTimeout is { } t
        ? t > TimeSpan.Zero ? t : throw new ArgumentOutOfRangeException(nameof(StallTimeout), t, "a stall timeout must be positive")
        : TimeSpan.FromSeconds(30);
}
