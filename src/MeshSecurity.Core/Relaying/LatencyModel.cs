using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// How long a relayer takes to carry a packet or an ack, in emulated seconds: constant, uniform, or lognormal with a
/// mean and a spread (the standard deviation of the underlying normal). Draws are deterministic per channel, direction
/// and sequence (<see cref="DeterministicRandom"/>). Latencies are times, not amounts, so doubles are fine here.
/// </summary>
public abstract record LatencyModel
{
    private LatencyModel() { }

    public static readonly LatencyModel Zero = new Constant(0);

    public sealed record Constant(double Seconds) : LatencyModel;

    public sealed record Uniform(double MinSeconds, double MaxSeconds) : LatencyModel;

    public sealed record LogNormal(double MeanSeconds, double Spread) : LatencyModel;

    /// <summary>The latency of one delivery, in nanoseconds.</summary>
    public ulong SampleNanos(string seed, string channelId, string kind, ulong sequence)
    {
        var seconds = this switch
        {
            Constant c => c.Seconds,
            Uniform u => u.MinSeconds + DeterministicRandom.Unit(seed, channelId, kind, sequence) * (u.MaxSeconds - u.MinSeconds),
            LogNormal l => SampleLogNormal(l, seed, channelId, kind, sequence),
            _ => 0,
        };
        return seconds <= 0 ? 0 : (ulong)System.Math.Round(seconds * Timestamp.NanosPerSecond);
    }

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
