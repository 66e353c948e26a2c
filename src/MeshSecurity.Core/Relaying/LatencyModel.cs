using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// How long a relayer takes to carry a packet or an ack, in emulated seconds: constant, uniform, or lognormal with a
/// mean and a spread (the standard deviation of the underlying normal), clamped below at a minimum. Draws are
/// deterministic per channel, direction and sequence (<see cref="DeterministicRandom"/>). Latencies are times, not
/// amounts, so doubles are fine here. Every model has a floor (<see cref="FloorNanos"/>) no draw goes below: the time
/// keeper's lookahead is the smallest floor of all links (docs/scenarios.md, "relayer.min-latency").
/// </summary>
// tagged so that a channel's spec crosses nodes (Emulator/Wire)
[ExternallyTagged]
public abstract record LatencyModel
{
    private LatencyModel() { }

    public static readonly LatencyModel Zero = new Constant(0);

    public sealed record Constant(double Seconds) : LatencyModel;

    public sealed record Uniform(double MinSeconds, double MaxSeconds) : LatencyModel;

    /// <summary>A lognormal draw with mean <paramref name="MeanSeconds"/>, raised to <paramref name="MinSeconds"/> when below it.</summary>
    public sealed record LogNormal(double MeanSeconds, double Spread, double MinSeconds = 0) : LatencyModel;

    /// <summary>
    /// The smallest latency <see cref="SampleNanos"/> can return, in nanoseconds, rounded as draws are: a constant's value, a
    /// uniform's min, a lognormal's <see cref="LogNormal.MinSeconds"/> (the draw is clamped to it).
    /// </summary>
    public ulong FloorNanos => this switch
    {
        Constant c => Nanos(c.Seconds),
        Uniform u => Nanos(u.MinSeconds),
        LogNormal l => Nanos(l.MinSeconds),
        _ => 0,
    };

    /// <summary>The latency of one delivery, in nanoseconds; never below <see cref="FloorNanos"/>.</summary>
    public ulong SampleNanos(string seed, string channelId, string kind, ulong sequence)
    {
        var seconds = this switch
        {
            Constant c => c.Seconds,
            Uniform u => u.MinSeconds + DeterministicRandom.Unit(seed, channelId, kind, sequence) * (u.MaxSeconds - u.MinSeconds),
            LogNormal l => SampleLogNormal(l, seed, channelId, kind, sequence),
            _ => 0,
        };
        // a uniform draw is min + a non-negative term, already at or above its floor; the lognormal is clamped here
        return System.Math.Max(Nanos(seconds), FloorNanos);
    }

    private static ulong Nanos(double seconds) => seconds <= 0 ? 0 : (ulong)System.Math.Round(seconds * Timestamp.NanosPerSecond);

    private static double SampleLogNormal(LogNormal l, string seed, string channelId, string kind, ulong sequence)
    {
        // Box-Muller from two deterministic uniforms; mu chosen so the distribution's mean is MeanSeconds
        var u1 = System.Math.Max(DeterministicRandom.Unit(seed, channelId, kind + "/1", sequence), 1e-12);
        var u2 = DeterministicRandom.Unit(seed, channelId, kind + "/2", sequence);
        var z = System.Math.Sqrt(-2 * System.Math.Log(u1)) * System.Math.Cos(2 * System.Math.PI * u2);
        var mu = System.Math.Log(System.Math.Max(l.MeanSeconds, 1e-9)) - l.Spread * l.Spread / 2;
        return System.Math.Exp(mu + l.Spread * z);
    }
}
