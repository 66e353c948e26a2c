using System.Globalization;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// An exact span of emulated time in nanoseconds. Written as an integer or decimal number with a unit, or a sum of
/// them: "500ms", "6s", "1m", "2h", "21d", "1h30m", "1.5s"; a bare "0" is zero. Units: ns, us, ms, s, m, h, d.
/// </summary>
public readonly record struct Duration(ulong Nanos) : IComparable<Duration>
{
    public const ulong NanosPerSecond = 1_000_000_000UL;

    public static readonly Duration Zero = new(0);

    private static readonly (string Unit, ulong Nanos)[] Units = Core.Types.DurationText.Units;

    public static Duration FromSeconds(ulong seconds) => new(checked(seconds * NanosPerSecond));
    public static Duration FromMinutes(ulong minutes) => FromSeconds(checked(minutes * 60));
    public static Duration FromHours(ulong hours) => FromSeconds(checked(hours * 3600));
    public static Duration FromDays(ulong days) => FromSeconds(checked(days * 86_400));

    /// <summary>True when the duration is a whole number of seconds (chain parameters need that).</summary>
    public bool IsWholeSeconds => Nanos % NanosPerSecond == 0;

    /// <summary>The whole seconds (truncated).</summary>
    public ulong WholeSeconds => Nanos / NanosPerSecond;

    /// <summary>The duration in seconds as a double, for the clock and latency models (times are not amounts).</summary>
    public double TotalSeconds => Nanos / (double)NanosPerSecond;

    public int CompareTo(Duration other) => Nanos.CompareTo(other.Nanos);

    public static Duration operator +(Duration a, Duration b) => new(checked(a.Nanos + b.Nanos));
    public static bool operator <(Duration a, Duration b) => a.Nanos < b.Nanos;
    public static bool operator >(Duration a, Duration b) => a.Nanos > b.Nanos;
    public static bool operator <=(Duration a, Duration b) => a.Nanos <= b.Nanos;
    public static bool operator >=(Duration a, Duration b) => a.Nanos >= b.Nanos;

    public static Duration Max(Duration a, Duration b) => a >= b ? a : b;

    /// <summary>The shortest canonical spelling: "0s", "500ms", "1h30m", "21d".</summary>
    public override string ToString() => Core.Types.DurationText.Of(Nanos);

    public static Duration Parse(string s) =>
        TryParse(s, out var d, out var error) ? d : throw new FormatException(error);

    /// <summary>Parses a duration exactly; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string? text, out Duration duration, out string error)
    {
        duration = Zero;
        error = "";
        var s = (text ?? "").Trim();
        if (s.Length == 0) { error = "empty duration"; return false; }
        if (s[0] == '-') { error = "a duration cannot be negative"; return false; }
        if (s == "0") return true;
        UInt128 total = 0;
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && s[i] == ' ') i++;
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_')) i++;
            var whole = s[start..i].Replace("_", "", StringComparison.Ordinal);
            var frac = "";
            if (i < s.Length && s[i] == '.')
            {
                var f = ++i;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                frac = s[f..i];
                if (frac.Length == 0) { error = "a digit must follow the decimal point"; return false; }
            }
            if (whole.Length == 0) { error = "expected a number before the unit"; return false; }
            while (i < s.Length && s[i] == ' ') i++;
            var u = i;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            var unit = s[u..i];
            if (unit.Length == 0) { error = "a unit is missing (ns, us, ms, s, m, h or d)"; return false; }
            var size = Array.Find(Units, x => x.Unit == unit).Nanos;
            if (size == 0) { error = $"unknown unit \"{unit}\" (use ns, us, ms, s, m, h or d)"; return false; }
            if (whole.Length > 30 || frac.Length > 18) { error = "the duration is too long"; return false; }
            var scale = UInt128.One;
            for (var k = 0; k < frac.Length; k++) scale *= 10;
            var numerator = UInt128.Parse(whole + frac, NumberStyles.None, CultureInfo.InvariantCulture);
            if (numerator > UInt128.MaxValue / size) { error = "the duration is too long"; return false; }
            var nanos = numerator * size;
            if (nanos % scale != 0) { error = $"{whole}.{frac}{unit} is not a whole number of nanoseconds"; return false; }
            total += nanos / scale;
            if (total > ulong.MaxValue) { error = "the duration is too long (at most about 584 years)"; return false; }
        }
        duration = new((ulong)total);
        return true;
    }
}
