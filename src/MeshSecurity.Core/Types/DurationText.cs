using System.Globalization;
using System.Text;

namespace MeshSecurity.Core.Types;

/// <summary>
/// A span of nanoseconds as a scenario file writes it ("1h30m", "500ms"), exactly: the scenarios' Duration and the
/// emulator's messages (a live fault refused for the clock's lookahead) write spans the same way.
/// </summary>
public static class DurationText
{
    /// <summary>The units from the largest, each with its length in nanoseconds.</summary>
    public static readonly (string Unit, ulong Nanos)[] Units =
    [
        ("d", 86_400UL * Timestamp.NanosPerSecond),
        ("h", 3_600UL * Timestamp.NanosPerSecond),
        ("m", 60UL * Timestamp.NanosPerSecond),
        ("s", Timestamp.NanosPerSecond),
        ("ms", 1_000_000UL),
        ("us", 1_000UL),
        ("ns", 1UL),
    ];

    public static string Of(ulong nanos)
    {
        if (nanos == 0) return "0s";
        var sb = new StringBuilder();
        var rest = nanos;
        foreach (var (unit, size) in Units)
        {
            if (rest < size) continue;
            sb.Append((rest / size).ToString(CultureInfo.InvariantCulture)).Append(unit);
            rest %= size;
        }
        return sb.ToString();
    }
}
