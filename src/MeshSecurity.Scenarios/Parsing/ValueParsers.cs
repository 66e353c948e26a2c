using System.Globalization;
using System.Text.RegularExpressions;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// The scalar syntaxes of scenario files, exact: amounts (integers of the smallest unit, "1_000_000" allowed, or a
/// coin of the expected denom), decimals, durations, coins, names. Each returns a detail for the error message.
/// </summary>
internal static partial class ValueParsers
{
    public const string DurationExample = "a duration like \"6s\", \"1m\", \"2h\", \"21d\" or \"500ms\"";
    public const string DecimalExample = "a decimal like \"0.1\"";

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$")]
    public static partial Regex DenomPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    public static partial Regex NamePattern();

    [GeneratedRegex("^[a-z][a-z0-9]{0,19}$")]
    public static partial Regex PrefixPattern();

    /// <summary>A number with a fraction or an exponent, as HOCON reads 1.5, -0.5, .5 or 1e3.</summary>
    public static bool LooksLikeFraction(string text) => FractionPattern().IsMatch(text);

    [GeneratedRegex(@"^[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(\.[0-9]*)?[eE][+-]?[0-9]+)$")]
    private static partial Regex FractionPattern();

    [GeneratedRegex("^([0-9][0-9_]*)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$")]
    private static partial Regex CoinPattern();

    /// <summary>
    /// The denom of a chain whose own denom is invalid or unknown: amounts are then checked for their number only, so
    /// one bad denom does not make every amount of that chain an error too.
    /// </summary>
    public const string AnyDenom = "*";

    public static string AmountExample(string? denom) => denom switch
    {
        null => "a whole amount like 1000",
        AnyDenom => "an amount like 1000",
        _ => $"an amount like 1000 or \"1000{denom}\"",
    };

    /// <summary>An amount; with <paramref name="denom"/>, a coin of that denom is accepted too ("1000uosmo").</summary>
    public static bool TryAmount(string text, string? denom, out Amount amount, out string detail)
    {
        amount = Amount.Zero;
        detail = "";
        var s = text.Trim();
        var m = CoinPattern().Match(s);
        if (m.Success)
        {
            if (denom is null) { detail = "give a plain number, without a denom"; return false; }
            if (denom != AnyDenom && m.Groups[2].Value != denom) { detail = $"the denom must be {denom}"; return false; }
            s = m.Groups[1].Value;
        }
        if (s.StartsWith('-')) { detail = "amounts cannot be negative"; return false; }
        if (s.Length == 0 || !char.IsAsciiDigit(s[0]) || s.EndsWith('_')) { detail = ""; return false; }
        if (s.Any(c => c is '.' or 'e' or 'E') && s.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-' or '_'))
        {
            detail = "amounts are whole numbers of the smallest unit: no fractions or exponents";
            return false;
        }
        var digits = s.Replace("_", "", StringComparison.Ordinal);
        if (!digits.All(char.IsAsciiDigit)) return false;
        if (!Amount.TryParse(digits, out amount)) { detail = "too large: amounts must be below 2^128"; return false; }
        return true;
    }

    public static bool TryDec(string text, out Dec value, out string detail)
    {
        var s = text.Trim();
        detail = "";
        value = Dec.Zero;
        if (s.StartsWith('-')) { detail = "cannot be negative"; return false; }
        if (s.Contains('e') || s.Contains('E')) { detail = "no exponents; write the digits"; return false; }
        return Dec.TryParse(s, out value, out detail);
    }

    /// <summary>A duration up to <see cref="ScenarioLimits.MaxDuration"/>.</summary>
    public static bool TryDuration(string text, out Duration value, out string detail)
    {
        if (!Duration.TryParse(text, out value, out detail)) return false;
        if (value <= ScenarioLimits.MaxDuration) return true;
        detail = $"at most {ScenarioLimits.MaxDuration}, 100 years";
        return false;
    }

    /// <summary>"1000uosmo".</summary>
    public static bool TryCoin(string text, out Coin coin, out string detail)
    {
        coin = new Coin("", Amount.Zero);
        detail = "";
        var s = text.Trim();
        if (s.StartsWith('-')) { detail = "amounts cannot be negative"; return false; }
        var m = CoinPattern().Match(s);
        if (!m.Success) return false;
        if (!Amount.TryParse(m.Groups[1].Value.Replace("_", "", StringComparison.Ordinal), out var amount))
        {
            detail = "too large: amounts must be below 2^128";
            return false;
        }
        coin = new Coin(m.Groups[2].Value, amount);
        return true;
    }

    public static bool TryInt(string text, out long value, out string detail)
    {
        detail = "";
        var s = text.Trim().Replace("_", "", StringComparison.Ordinal);
        if (s.Length > 0 && s.All(char.IsAsciiDigit) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        if (s.StartsWith('-') && s.Length > 1 && s[1..].All(char.IsAsciiDigit)) detail = "cannot be negative";
        value = 0;
        return false;
    }

    /// <summary>A positive number of emulated seconds per wall second (exact decimal syntax).</summary>
    public static bool TrySpeed(string text, out double value, out string detail)
    {
        value = 0;
        if (!TryDec(text, out var d, out detail)) return false;
        if (d < ScenarioLimits.MinSpeed || d > ScenarioLimits.MaxSpeed)
        {
            detail = $"from {ScenarioLimits.MinSpeed} to {ScenarioLimits.MaxSpeed}";
            return false;
        }
        value = (double)d.Atomics / (double)Dec.AtomicsPerUnit;
        return true;
    }

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>An ISO-8601 date or date-time; without an offset it is UTC.</summary>
    public static bool TryTime(string text, out Timestamp value, out string detail)
    {
        value = Timestamp.Zero;
        detail = "";
        if (!DateTimeOffset.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return false;
        if (t < DateTimeOffset.UnixEpoch || t > ScenarioLimits.LatestGenesis)
        {
            detail = $"from 1970-01-01 to {ScenarioLimits.LatestGenesis:yyyy-MM-dd}";
            return false;
        }
        value = new Timestamp((ulong)(t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100UL);
        return true;
    }
}
