using System.Globalization;
using System.Numerics;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// Figures as people read them on a terminal: durations rounded to what matters at their scale, amounts grouped in
/// thousands with their denom. report.json keeps the exact values.
/// </summary>
public static class Readable
{
    /// <summary>"4s699ms760us77ns" becomes "4.7s", "3h20m5s" "3h20m", "20m12s500ms" "20m12s"; what does not parse is kept.</summary>
    public static string Duration(string exact)
    {
        if (!Scenarios.Model.Duration.TryParse(exact, out var d, out _)) return exact;
        var ns = d.Nanos;
        const ulong ms = 1_000_000, s = 1_000 * ms, m = 60 * s, h = 60 * m, day = 24 * h;
        return ns switch
        {
            0 => "0s",
            < ms => new Duration(ns).ToString(),
            < s => $"{Round(ns, ms)}ms",
            < m => $"{(ns / (double)s).ToString(ns < 10 * s ? "0.0#" : "0.0", CultureInfo.InvariantCulture)}s",
            < h => new Duration(Round(ns, s) * s).ToString(),
            < day => new Duration(Round(ns, m) * m).ToString(),
            _ => new Duration(Round(ns, h) * h).ToString(),
        };
    }

    /// <summary>"1500000000" with denom "uosmo" becomes "1,500,000,000 uosmo"; what does not parse is kept.</summary>
    public static string Amount(string exact, string? denom = null)
    {
        if (!BigInteger.TryParse(exact, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return exact;
        var grouped = v.ToString("N0", CultureInfo.InvariantCulture);
        return denom is null ? grouped : $"{grouped} {denom}";
    }

    /// <summary>
    /// --units display: an amount of a micro denom ("uosmo", the Cosmos convention) in whole units, exactly: "1,490" uosmo
    /// is "0.00149 osmo", "1,500,000,000" is "1,500 osmo". Other denoms are shown in base units, as <see cref="Amount"/>.
    /// </summary>
    public static string DisplayAmount(string exact, string denom)
    {
        if (denom.Length < 2 || denom[0] != 'u' || !char.IsAsciiLetterLower(denom[1])
            || !BigInteger.TryParse(exact, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            return Amount(exact, denom);
        var whole = BigInteger.DivRem(v, Micro, out var fraction);
        var digits = fraction.IsZero ? "" : "." + fraction.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        return $"{whole.ToString("N0", CultureInfo.InvariantCulture)}{digits} {denom[1..]}";
    }

    private static readonly BigInteger Micro = 1_000_000;

    private static ulong Round(ulong value, ulong unit) => (value + unit / 2) / unit;
}
