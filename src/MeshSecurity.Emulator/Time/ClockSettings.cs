namespace MeshSecurity.Emulator.Time;

/// <summary>
/// How fast emulated time runs: <see cref="Speed"/> emulated seconds per wall second, or null for as fast as the machine
/// allows; and how long a window may wait for an entity before the run says so and re-sends it its message. The history
/// does not depend on either.
/// </summary>
public sealed record ClockSettings(double? Speed = null, TimeSpan? StallTimeout = null)
{
    public static readonly ClockSettings Max = new();

    public TimeSpan EffectiveStallTimeout => StallTimeout is { } t
        ? t > TimeSpan.Zero ? t : throw new ArgumentOutOfRangeException(nameof(StallTimeout), t, "a stall timeout must be positive")
        : TimeSpan.FromSeconds(30);
}
