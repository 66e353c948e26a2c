using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshSecurity.Core.Types;

/// <summary>A point in emulated time, in nanoseconds since the Unix epoch (cosmwasm's Timestamp; JSON: nanos as a string).</summary>
[JsonConverter(typeof(TimestampJsonConverter))]
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

internal sealed class TimestampJsonConverter : JsonConverter<Timestamp>
{
    public override Timestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var s = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? new Timestamp(n)
            : throw new JsonException("expected a timestamp as nanoseconds in a string, e.g. \"1700000000000000000\"");
    }

    public override void Write(Utf8JsonWriter writer, Timestamp value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Nanos.ToString(CultureInfo.InvariantCulture));
}
