using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Network;

/// <summary>The smallest latency a relayer's model can draw, in nanoseconds: the lookahead its channel allows.</summary>
internal static class LatencyFloor
{
    public static ulong Of(LatencyModel model) => model switch
    {
        LatencyModel.Constant c => Nanos(c.Seconds),
        LatencyModel.Uniform u => Nanos(u.MinSeconds),
        _ => 0,
    };

    private static ulong Nanos(double seconds) => seconds <= 0 ? 0 : (ulong)System.Math.Floor(seconds * Timestamp.NanosPerSecond);
}
