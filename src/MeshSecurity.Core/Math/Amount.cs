using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Errors;

namespace MeshSecurity.Core.Math;

/// <summary>
/// An exact token amount: an unsigned 128-bit integer (cosmwasm's Uint128). Every operation is checked:
/// overflow, underflow and division by zero raise a <see cref="StdError"/>, they never wrap.
/// Serialised as a JSON string, like Uint128.
/// </summary>
[JsonConverter(typeof(AmountJsonConverter))]
public readonly record struct Amount(UInt128 Value) : IComparable<Amount>
{
    public static readonly Amount Zero = new(UInt128.Zero);
    public static readonly Amount One = new(UInt128.One);
    public static readonly Amount MaxValue = new(UInt128.MaxValue);

    public bool IsZero => Value == UInt128.Zero;

    public static implicit operator Amount(ulong value) => new(value);

    public static Amount operator +(Amount a, Amount b)
    {
        var r = a.Value + b.Value;
        if (r < a.Value) throw new StdError.Overflow("add", a.ToString(), b.ToString()).Raise();
        return new(r);
    }

    public static Amount operator -(Amount a, Amount b)
    {
        if (b.Value > a.Value) throw new StdError.Overflow("sub", a.ToString(), b.ToString()).Raise();
        return new(a.Value - b.Value);
    }

    public static Amount operator *(Amount a, Amount b)
    {
        if (a.Value != UInt128.Zero && b.Value > UInt128.MaxValue / a.Value)
            throw new StdError.Overflow("mul", a.ToString(), b.ToString()).Raise();
        return new(a.Value * b.Value);
    }

    public static Amount operator /(Amount a, Amount b)
    {
        if (b.IsZero) throw new StdError.DivideByZero(a.ToString()).Raise();
        return new(a.Value / b.Value);
    }

    public static Amount operator %(Amount a, Amount b)
    {
        if (b.IsZero) throw new StdError.DivideByZero(a.ToString()).Raise();
        return new(a.Value % b.Value);
    }

    public static bool operator <(Amount a, Amount b) => a.Value < b.Value;
    public static bool operator >(Amount a, Amount b) => a.Value > b.Value;
    public static bool operator <=(Amount a, Amount b) => a.Value <= b.Value;
    public static bool operator >=(Amount a, Amount b) => a.Value >= b.Value;

    public int CompareTo(Amount other) => Value.CompareTo(other.Value);

    /// <summary>a − b, or zero when b ≥ a.</summary>
    public Amount SaturatingSub(Amount b) => b.Value >= Value ? Zero : new(Value - b.Value);

    public static Amount Min(Amount a, Amount b) => a <= b ? a : b;
    public static Amount Max(Amount a, Amount b) => a >= b ? a : b;

    /// <summary>floor(this · numerator / denominator), exact through a 256-bit intermediate (cosmwasm's multiply_ratio).</summary>
    public Amount MultiplyRatio(Amount numerator, Amount denominator)
    {
        if (denominator.IsZero) throw new StdError.DivideByZero(ToString()).Raise();
        return new(WideMath.MulDivFloor(Value, numerator.Value, denominator.Value, "multiply_ratio"));
    }

    /// <summary>floor(this × d), cosmwasm's Uint128::mul_floor(Decimal).</summary>
    public Amount MulFloor(Dec d) => new(WideMath.MulDivFloor(Value, d.Atomics, Dec.AtomicsPerUnit, "mul_floor"));

    /// <summary>ceil(this × d), cosmwasm's Uint128::mul_ceil(Decimal).</summary>
    public Amount MulCeil(Dec d) => new(WideMath.MulDivCeil(Value, d.Atomics, Dec.AtomicsPerUnit, "mul_ceil"));

    /// <summary>floor(this / d), cosmwasm's Uint128::div_floor(Decimal).</summary>
    public Amount DivFloor(Dec d)
    {
        if (d.IsZero) throw new StdError.DivideByZero(ToString()).Raise();
        return new(WideMath.MulDivFloor(Value, Dec.AtomicsPerUnit, d.Atomics, "div_floor"));
    }

    public static Amount Parse(string s) =>
        TryParse(s, out var a) ? a : throw new StdError.ParseError("Uint128", s, "expected a non-negative integer below 2^128").Raise();

    public static bool TryParse(string? s, out Amount amount)
    {
        amount = Zero;
        if (string.IsNullOrEmpty(s) || s.Any(c => c is < '0' or > '9')) return false;
        if (!UInt128.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return false;
        amount = new(v);
        return true;
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

internal sealed class AmountJsonConverter : JsonConverter<Amount>
{
    public override Amount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var s = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Amount.TryParse(s, out var a) ? a : throw new JsonException("expected an amount as a decimal string, e.g. \"1000\"");
    }

    public override void Write(Utf8JsonWriter writer, Amount value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
