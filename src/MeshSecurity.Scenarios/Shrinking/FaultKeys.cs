using System.Globalization;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Shrinking;

/// <summary>
/// The keys of a fault step the shrinker makes smaller besides its `for` (docs/scenarios.md, "Chaos steps"), each halved
/// towards its smallest valid value, as text: a fault that still fails with half its `delay` or loss `fraction` shows
/// the failure with less going on. Left alone: keys that name things, `net.latency`'s distribution (an object) and a
/// price shock's `factor` (a smaller one is a larger shock, not a smaller one).
/// </summary>
internal static class FaultKeys
{
    private delegate string? Halver(string value);

    private static readonly Dictionary<string, (string Key, Halver Half)[]> ByFault = new(StringComparer.Ordinal)
    {
        ["relayer.lag"] = [("delay", HalfDuration(1))],
        ["relayer.batch-size"] = [("size", HalfInteger(1))],
        ["relayer.clear-interval"] = [("interval", HalfDuration(1))],
        ["relayer.race"] = [("relayers", HalfInteger(2))],
        ["net.loss"] = [("fraction", HalfFraction)],
        ["net.reorder"] = [("window", HalfDuration(1))],
        ["chain.block-time"] = [("block-time", HalfDuration(1))],
        ["chain.clock-skew"] = [("offset", HalfOffset)],
        ["chain.clock-jump"] = [("by", HalfDuration(1))],
        ["validator.jail-flap"] = [("period", HalfDuration(2))],
    };

    /// <summary>
    /// The keys of <paramref name="fault"/> to halve, with how: each answers the halved value's text, or null when none
    /// is smaller.
    /// </summary>
    public static IEnumerable<(string Key, Func<string, string?> Half)> Of(string fault) =>
        ByFault.TryGetValue(fault, out var keys) ? keys.Select(k => (k.Key, Quoted(k.Half))) : [];

    /// <summary>A value written quoted stays quoted.</summary>
    private static Func<string, string?> Quoted(Halver half) => value =>
        half(value) is { } h && value.StartsWith('"') && !h.StartsWith('"') ? $"\"{h}\"" : half(value);

    /// <summary>A duration halved in whole seconds, or null below twice <paramref name="min"/> seconds.</summary>
    private static Halver HalfDuration(ulong min) => value =>
        Duration.TryParse(Unquoted(value), out var d, out _) && d.WholeSeconds / 2 >= min
            ? Duration.FromSeconds(d.WholeSeconds / 2).ToString()
            : null;

    private static Halver HalfInteger(long min) => value =>
        long.TryParse(Unquoted(value), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n / 2 >= min
            ? (n / 2).ToString(CultureInfo.InvariantCulture)
            : null;

    /// <summary>A fraction halved to at most four decimals, or null when that would be below 0.0001 (the loss stays above 0).</summary>
    private static string? HalfFraction(string value)
    {
        if (!decimal.TryParse(Unquoted(value), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f)) return null;
        var half = Math.Floor(f / 2 * 10_000) / 10_000;
        return half >= 0.0001m ? half.ToString("0.####", CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A clock offset ("+30s", "-1m", quoted) halved in whole seconds, its sign kept; null below 2 seconds.</summary>
    private static string? HalfOffset(string value)
    {
        var text = Unquoted(value);
        var sign = text.Length > 0 && text[0] is '+' or '-' ? text[..1] : "";
        return HalfDuration(1)(text[sign.Length..]) is { } half ? $"\"{(sign == "" ? "+" : sign)}{half}\"" : null;
    }

    private static string Unquoted(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
