namespace MeshSecurity.Emulator.Clock;

/// <summary>
/// How fast emulated time runs: <see cref="Speed"/> emulated seconds per wall second, or null for as fast as the
/// machine allows. The history does not depend on it: events are ordered by emulated time either way.
/// </summary>
public sealed record ClockSettings(double? Speed = null, TimeSpan? StepTimeout = null)
{
    public static readonly ClockSettings Max = new();

    public TimeSpan EffectiveStepTimeout => StepTimeout is { } t
        ? t > TimeSpan.Zero ? t : throw new ArgumentOutOfRangeException(nameof(StepTimeout), t, "a step timeout must be positive")
        : TimeSpan.FromSeconds(30);
}
