using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// How long the link's relayer takes to carry a packet or an ack: constant, uniform between two bounds, or lognormal
/// with a mean and a spread (the standard deviation of the underlying normal), clamped below at a minimum. Exact
/// durations; converted to the emulator's <see cref="LatencyModel"/> (seconds as doubles) only when the network is
/// built. Every kind has a <see cref="Floor"/>, the relayer's min-latency (docs/scenarios.md, "relayer").
/// </summary>
public abstract record LatencySpec
{
    private LatencySpec() { }

    public static readonly LatencySpec Zero = new Constant(Duration.Zero);

    /// <summary>
    /// A link's latency when the file gives none: seconds, as real relayers take (they wait for the block, query the proof
    /// and broadcast a transaction), with a 1 s floor.
    /// </summary>
    public static readonly LatencySpec Default =
        new LogNormal(Duration.FromSeconds(3), Dec.Parse("0.5"), DefaultMinOf(Duration.FromSeconds(3)));

    /// <summary>A lognormal latency's floor when the file gives no min-latency: the smaller of 1 s and half the mean.</summary>
    public static Duration DefaultMinOf(Duration mean) =>
        mean.Nanos / 2 < Duration.NanosPerSecond ? new(mean.Nanos / 2) : Duration.FromSeconds(1);

    public sealed record Constant(Duration Value) : LatencySpec;

    public sealed record Uniform(Duration Min, Duration Max) : LatencySpec;

    /// <summary>A lognormal draw with mean <paramref name="Mean"/>, raised to <paramref name="Min"/> when below it.</summary>
    public sealed record LogNormal(Duration Mean, Dec Spread, Duration Min) : LatencySpec;

    /// <summary>The name written in a scenario file: constant, uniform or lognormal.</summary>
    public string Kind => this switch
    {
        Constant => "constant",
        Uniform => "uniform",
        _ => "lognormal",
    };

    /// <summary>
    /// The smallest latency any draw can take, exactly: a constant's value, a uniform's min, a lognormal's min. The time
    /// keeper's lookahead is the smallest floor over the links (the emulator's <see cref="LatencyModel.FloorNanos"/>).
    /// </summary>
    public Duration Floor => this switch
    {
        Constant c => c.Value,
        Uniform u => u.Min,
        LogNormal l => l.Min,
        _ => Duration.Zero,
    };

    /// <summary>The floor in seconds.</summary>
    public double MinSeconds => Floor.TotalSeconds;

    /// <summary>
    /// The shortest latency the emulator can actually draw, in seconds: the floor, or for a lognormal the smallest unclamped
    /// draw when that is above its min (see <see cref="ScenarioLimits.LogNormalZBound"/>). The feasibility checks use it.
    /// </summary>
    public double ShortestSeconds => this is LogNormal l
        ? Math.Max(l.Min.TotalSeconds,
            Math.Max(l.Mean.TotalSeconds, 1e-9) * Math.Exp(-Square(SpreadOf(l)) / 2 - ScenarioLimits.LogNormalZBound * SpreadOf(l)))
        : MinSeconds;

    /// <summary>The longest latency the emulator can draw, in seconds.</summary>
    public double MaxSeconds => this switch
    {
        Constant c => c.Value.TotalSeconds,
        Uniform u => u.Max.TotalSeconds,
        LogNormal l =>
            Math.Max(l.Mean.TotalSeconds, 1e-9) * Math.Exp(-Square(SpreadOf(l)) / 2 + ScenarioLimits.LogNormalZBound * SpreadOf(l)),
        _ => 0,
    };

    private static double Square(double x) => x * x;

    private static double SpreadOf(LogNormal l) => (double)l.Spread.Atomics / (double)Dec.AtomicsPerUnit;

    public LatencyModel ToLatencyModel() => this switch
    {
        Constant c => new LatencyModel.Constant(c.Value.TotalSeconds),
        Uniform u => new LatencyModel.Uniform(u.Min.TotalSeconds, u.Max.TotalSeconds),
        LogNormal l => new LatencyModel.LogNormal(l.Mean.TotalSeconds, SpreadOf(l), l.Min.TotalSeconds),
        _ => LatencyModel.Zero,
    };
}
