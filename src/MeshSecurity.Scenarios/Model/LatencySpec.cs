using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Math;
using MeshSecurity.Emulator.Channels;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// How long the link's relayer takes to carry a packet or an ack: constant, uniform between two bounds, or lognormal
/// with a mean and a spread (the standard deviation of the underlying normal). Exact durations; converted to the
/// emulator's <see cref="LatencyModel"/> (seconds as doubles) only when the network is built.
/// </summary>
public abstract record LatencySpec
{
    private LatencySpec() { }

    public static readonly LatencySpec Zero = new Constant(Duration.Zero);

    public sealed record Constant(Duration Value) : LatencySpec;

    public sealed record Uniform(Duration Min, Duration Max) : LatencySpec;

    public sealed record LogNormal(Duration Mean, Dec Spread) : LatencySpec;

    /// <summary>The name written in a scenario file: constant, uniform or lognormal.</summary>
    public string Kind => this switch
    {
        Constant => "constant",
        Uniform => "uniform",
        _ => "lognormal",
    };

    /// <summary>The shortest latency the emulator can draw, in seconds (see <see cref="ScenarioLimits.LogNormalZBound"/>).</summary>
    public double MinSeconds => this switch
    {
        Constant c => c.Value.TotalSeconds,
        Uniform u => u.Min.TotalSeconds,
        LogNormal l =>
            Math.Max(l.Mean.TotalSeconds, 1e-9) * Math.Exp(-Square(SpreadOf(l)) / 2 - ScenarioLimits.LogNormalZBound * SpreadOf(l)),
        _ => 0,
    };

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
        LogNormal l => new LatencyModel.LogNormal(l.Mean.TotalSeconds, (double)l.Spread.Atomics / (double)Dec.AtomicsPerUnit),
        _ => LatencyModel.Zero,
    };
}
