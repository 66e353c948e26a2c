using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Errors;

namespace MeshSecurity.Core.Math;

/// <summary>
/// A fixed-point decimal with 18 fractional digits over 128-bit atomics: cosmwasm-std's <c>Decimal</c>.
/// Every multiplication and division floors, exactly as cosmwasm does; addition and subtraction are checked.
/// Prints like cosmwasm ("0.1", "1", "1.000000000000000001"); serialised as a JSON string.
/// </summary>
[JsonConverter(typeof(DecJsonConverter))]
public readonly record struct Dec(UInt128 Atomics) : IComparable<Dec>
{
    public const int DecimalPlaces = 18;
    public static readonly UInt128 AtomicsPerUnit = 1_000_000_000_000_000_000UL;

    public static readonly Dec Zero = new(UInt128.Zero);
    public static readonly Dec One = new(AtomicsPerUnit);
    public static readonly Dec MaxValue = new(UInt128.MaxValue);

    public bool IsZero => Atomics == UInt128.Zero;

    public static Dec FromAtomics(UInt128 atomics) => new(atomics);

    /// <summary>A whole number as a decimal.</summary>
    public static Dec FromInteger(Amount whole) => new(WideMath.MulDivFloor(whole.Value, AtomicsPerUnit, UInt128.One, "from_integer"));

    /// <summary>n / 100.</summary>
    public static Dec Percent(ulong n) => FromRatio(n, 100);

    /// <summary>n / 1000.</summary>
    public static Dec Permille(ulong n) => FromRatio(n, 1000);

    /// <summary>floor(numerator / denominator) to 18 digits (cosmwasm's Decimal::from_ratio).</summary>
    public static Dec FromRatio(Amount numerator, Amount denominator)
    {
        if (denominator.IsZero) throw new StdError.DivideByZero(numerator.ToString()).Raise();
        return new(WideMath.MulDivFloor(numerator.Value, AtomicsPerUnit, denominator.Value, "from_ratio"));
    }

    public static Dec operator +(Dec a, Dec b)
    {
        var r = a.Atomics + b.Atomics;
        if (r < a.Atomics) throw new StdError.Overflow("add", a.ToString(), b.ToString()).Raise();
        return new(r);
    }

    public static Dec operator -(Dec a, Dec b)
    {
        if (b.Atomics > a.Atomics) throw new StdError.Overflow("sub", a.ToString(), b.ToString()).Raise();
        return new(a.Atomics - b.Atomics);
    }

    /// <summary>floor(a × b) to 18 digits.</summary>
    public static Dec operator *(Dec a, Dec b) => new(WideMath.MulDivFloor(a.Atomics, b.Atomics, AtomicsPerUnit, "mul"));

    /// <summary>floor(a / b) to 18 digits.</summary>
    public static Dec operator /(Dec a, Dec b)
    {
        if (b.IsZero) throw new StdError.DivideByZero(a.ToString()).Raise();
        return new(WideMath.MulDivFloor(a.Atomics, AtomicsPerUnit, b.Atomics, "div"));
    }

    /// <summary>A decimal times an integer, floored to 18 digits (exact: no rounding happens).</summary>
    public static Dec operator *(Dec a, Amount b) => new(WideMath.MulDivFloor(a.Atomics, b.Value, UInt128.One, "mul"));

    /// <summary>A decimal divided by an integer, floored to 18 digits.</summary>
    public static Dec operator /(Dec a, Amount b)
    {
        if (b.IsZero) throw new StdError.DivideByZero(a.ToString()).Raise();
        return new(a.Atomics / b.Value);
    }

    public static bool operator <(Dec a, Dec b) => a.Atomics < b.Atomics;
    public static bool operator >(Dec a, Dec b) => a.Atomics > b.Atomics;
    public static bool operator <=(Dec a, Dec b) => a.Atomics <= b.Atomics;
    public static bool operator >=(Dec a, Dec b) => a.Atomics >= b.Atomics;

    public int CompareTo(Dec other) => Atomics.CompareTo(other.Atomics);

    public Dec SaturatingSub(Dec b) => b.Atomics >= Atomics ? Zero : new(Atomics - b.Atomics);

    /// <summary>The integer part (cosmwasm's to_uint_floor).</summary>
    public Amount ToAmountFloor() => new(Atomics / AtomicsPerUnit);

    /// <summary>The integer part rounded up (cosmwasm's to_uint_ceil).</summary>
    public Amount ToAmountCeil()
    {
        var q = Atomics / AtomicsPerUnit;
        return new(Atomics % AtomicsPerUnit == UInt128.Zero ? q : q + UInt128.One);
    }

    /// <summary>The whole part as a decimal (cosmwasm's floor()).</summary>
    public Dec Floor() => new(Atomics - Atomics % AtomicsPerUnit);

    /// <summary>The fractional part.</summary>
    public Dec Fraction() => new(Atomics % AtomicsPerUnit);

    public static Dec Min(Dec a, Dec b) => a <= b ? a : b;

    public static Dec Parse(string s) =>
        TryParse(s, out var d, out var why) ? d : throw new StdError.ParseError("Decimal", s, why).Raise();

    /// <summary>Parses "1", "0.1", "12.000000000000000001"; at most 18 fractional digits; no sign or exponent.</summary>
    public static bool TryParse(string? s, out Dec value, out string reason)
    {
        value = Zero;
        reason = "";
        if (string.IsNullOrEmpty(s)) { reason = "empty string"; return false; }
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var frac = dot < 0 ? "" : s[(dot + 1)..];
        if (whole.Length == 0 || whole.Any(c => c is < '0' or > '9')) { reason = "the whole part must be digits"; return false; }
        if (dot >= 0 && (frac.Length == 0 || frac.Any(c => c is < '0' or > '9'))) { reason = "the fractional part must be digits"; return false; }
        if (frac.Length > DecimalPlaces) { reason = $"cannot parse more than {DecimalPlaces} fractional digits"; return false; }
        if (!UInt128.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var w) || w > UInt128.MaxValue / AtomicsPerUnit)
        { reason = "value too big"; return false; }
        var atomics = w * AtomicsPerUnit;
        if (frac.Length > 0)
        {
            var f = UInt128.Parse(frac.PadRight(DecimalPlaces, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
            if (atomics + f < atomics) { reason = "value too big"; return false; }
            atomics += f;
        }
        value = new(atomics);
        return true;
    }

    public override string ToString()
    {
        var whole = Atomics / AtomicsPerUnit;
        var frac = Atomics % AtomicsPerUnit;
        var w = whole.ToString(CultureInfo.InvariantCulture);
        if (frac == UInt128.Zero) return w;
        var f = frac.ToString(CultureInfo.InvariantCulture).PadLeft(DecimalPlaces, '0').TrimEnd('0');
        return $"{w}.{f}";
    }
}

internal sealed class DecJsonConverter : JsonConverter<Dec>
{
    public override Dec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var s = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Dec.TryParse(s, out var d, out var why) ? d : throw new JsonException($"expected a decimal string such as \"0.1\": {why}");
    }

    public override void Write(Utf8JsonWriter writer, Dec value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
