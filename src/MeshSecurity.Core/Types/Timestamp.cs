using System.Globalization;

namespace MeshSecurity.Core.Types;

/// <summary>A point in emulated time, in nanoseconds since the Unix epoch (cosmwasm's Timestamp).</summary>
public readonly record struct Timestamp(ulong Nanos) : IComparable<Timestamp>
{
    public const ulong NanosPerSecond = 1_000_000_000UL;

    public static readonly Timestamp Zero = new(0);

    public static Timestamp FromSeconds(ulong seconds) => new(checked(seconds * NanosPerSecond));

    public ulong Seconds => Nanos / NanosPerSecond;

    public Timestamp PlusSeconds(ulong seconds) => new(checked(Nanos + seconds * NanosPerSecond));

    public Timestamp PlusNanos(ulong nanos) => new(checked(Nanos + nanos));

    /// <summary>This time minus some seconds, or zero (saturating).</summary>
    public Timestamp MinusSeconds(ulong seconds)
    {
        var d = (UInt128)seconds * NanosPerSecond;
        return d >= Nanos ? Zero : new(Nanos - (ulong)d);
    }

    public int CompareTo(Timestamp other) => Nanos.CompareTo(other.Nanos);

    public static bool operator <(Timestamp a, Timestamp b) => a.Nanos < b.Nanos;
    public static bool operator >(Timestamp a, Timestamp b) => a.Nanos > b.Nanos;
    public static bool operator <=(Timestamp a, Timestamp b) => a.Nanos <= b.Nanos;
    public static bool operator >=(Timestamp a, Timestamp b) => a.Nanos >= b.Nanos;

    public override string ToString() =>
        Nanos % NanosPerSecond == 0
            ? Seconds.ToString(CultureInfo.InvariantCulture) + "s"
            : (Nanos / (double)NanosPerSecond).ToString("0.000", CultureInfo.InvariantCulture) + "s";
}
