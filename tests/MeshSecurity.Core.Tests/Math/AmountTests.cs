using System.Numerics;
using System.Text.Json;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Tests.ExactMath;

public class AmountTests
{
    private const string Max = "340282366920938463463374607431768211455"; // 2^128 - 1

    private static readonly Amount TwoPow127 = new(UInt128.One << 127);

    private static MeshError Raised(Action action) => Assert.Throws<MeshException>(action).Error;

    [Fact]
    public void Adding_up_to_the_maximum_is_exact()
    {
        Assert.Equal(Amount.MaxValue, Amount.Parse("340282366920938463463374607431768211454") + Amount.One);
        Assert.Equal(Max, Amount.MaxValue.ToString());
    }

    [Fact]
    public void Adding_past_the_maximum_raises_an_overflow_instead_of_wrapping()
    {
        var error = Raised(() => _ = Amount.MaxValue + Amount.One);

        var overflow = Assert.IsType<StdError.Overflow>(error);
        Assert.Equal("Overflow", error.Kind);
        Assert.Equal("std", error.Codespace);
        Assert.Equal("add", overflow.Operation);
        Assert.Equal($"Cannot add with {Max} and 1", error.Message);
    }

    [Fact]
    public void Subtracting_more_than_there_is_raises_an_overflow_instead_of_wrapping()
    {
        var error = Raised(() => _ = (Amount)5 - (Amount)6);

        var overflow = Assert.IsType<StdError.Overflow>(error);
        Assert.Equal("sub", overflow.Operation);
        Assert.Equal("Cannot sub with 5 and 6", error.Message);
    }

    [Fact]
    public void Subtracting_down_to_zero_is_allowed()
    {
        Assert.Equal(Amount.Zero, (Amount)7 - (Amount)7);
        Assert.True(((Amount)7 - (Amount)7).IsZero);
    }

    [Fact]
    public void Saturating_subtraction_stops_at_zero()
    {
        Assert.Equal(Amount.Zero, ((Amount)5).SaturatingSub(9));
        Assert.Equal((Amount)3, ((Amount)9).SaturatingSub(6));
    }

    [Fact]
    public void Multiplying_past_the_maximum_raises_an_overflow()
    {
        var error = Raised(() => _ = TwoPow127 * (Amount)2);

        Assert.Equal("mul", Assert.IsType<StdError.Overflow>(error).Operation);
    }

    [Fact]
    public void Multiplying_up_to_the_maximum_is_exact()
    {
        // (2^64 - 1) * (2^64 + 1) = 2^128 - 1
        var a = new Amount(ulong.MaxValue);
        var b = new Amount((UInt128)ulong.MaxValue + 2);
        Assert.Equal(Amount.MaxValue, a * b);
        Assert.Equal(Amount.Zero, Amount.Zero * Amount.MaxValue);
    }

    [Fact]
    public void Dividing_by_zero_raises_a_divide_by_zero_error()
    {
        var error = Raised(() => _ = (Amount)10 / Amount.Zero);

        Assert.IsType<StdError.DivideByZero>(error);
        Assert.Equal("DivideByZero", error.Kind);
        Assert.Equal("Cannot divide 10 by zero", error.Message);
    }

    [Fact]
    public void The_remainder_by_zero_raises_a_divide_by_zero_error()
    {
        Assert.IsType<StdError.DivideByZero>(Raised(() => _ = (Amount)10 % Amount.Zero));
    }

    [Fact]
    public void Division_floors()
    {
        Assert.Equal((Amount)3, (Amount)10 / (Amount)3);
        Assert.Equal((Amount)1, (Amount)10 % (Amount)3);
    }

    [Theory]
    [InlineData("success: a ratio of ordinary numbers floors", "1000", "1", "3", "333")]
    [InlineData("success: a ratio of one keeps the value", "12345", "7", "7", "12345")]
    [InlineData("success: the maximum times max/max needs a 256-bit intermediate", Max, Max, Max, Max)]
    [InlineData("success: the maximum times (max-1)/max floors to max-1", Max, "340282366920938463463374607431768211454", Max, "340282366920938463463374607431768211454")]
    [InlineData("success: 2^127 times 3/2 is exact", "170141183460469231731687303715884105728", "3", "2", "255211775190703847597530955573826158592")]
    [InlineData("success: 2^127 times 3/4 floors through the wide product", "170141183460469231731687303715884105727", "3", "4", "127605887595351923798765477786913079295")]
    [InlineData("success: a zero numerator gives zero", Max, "0", "5", "0")]
    public void MultiplyRatio_is_the_exact_floor_even_when_the_product_exceeds_128_bits(string label, string value, string num, string den, string expected)
    {
        _ = label;
        var result = Amount.Parse(value).MultiplyRatio(Amount.Parse(num), Amount.Parse(den));

        Assert.Equal(expected, result.ToString());
        var exact = BigInteger.Parse(value) * BigInteger.Parse(num) / BigInteger.Parse(den);
        Assert.Equal(exact.ToString(), result.ToString());
    }

    [Fact]
    public void MultiplyRatio_raises_an_overflow_when_the_result_exceeds_128_bits()
    {
        var error = Raised(() => Amount.MaxValue.MultiplyRatio(3, 2));

        Assert.Equal("multiply_ratio", Assert.IsType<StdError.Overflow>(error).Operation);
    }

    [Fact]
    public void MultiplyRatio_by_a_zero_denominator_raises_a_divide_by_zero_error()
    {
        Assert.IsType<StdError.DivideByZero>(Raised(() => ((Amount)10).MultiplyRatio(1, 0)));
    }

    [Theory]
    [InlineData("success: a whole product is exact", "100", "0.5", "50", "50")]
    [InlineData("success: a fractional product floors and ceils", "10", "0.333333333333333333", "3", "4")]
    [InlineData("success: just under a whole number", "9", "0.333333333333333333", "2", "3")]
    [InlineData("success: times one", "12345", "1", "12345", "12345")]
    [InlineData("success: times zero", "12345", "0", "0", "0")]
    [InlineData("success: the smallest fraction ceils to one", "1", "0.000000000000000001", "0", "1")]
    [InlineData("success: the maximum times one half floors", Max, "0.5", "170141183460469231731687303715884105727", "170141183460469231731687303715884105728")]
    public void MulFloor_and_MulCeil_round_down_and_up(string label, string amount, string dec, string floor, string ceil)
    {
        _ = label;
        var a = Amount.Parse(amount);
        var d = Dec.Parse(dec);

        Assert.Equal(floor, a.MulFloor(d).ToString());
        Assert.Equal(ceil, a.MulCeil(d).ToString());
    }

    [Fact]
    public void MulFloor_raises_an_overflow_when_the_result_exceeds_128_bits()
    {
        Assert.IsType<StdError.Overflow>(Raised(() => Amount.MaxValue.MulFloor(Dec.Parse("1.000000000000000001"))));
        Assert.IsType<StdError.Overflow>(Raised(() => Amount.MaxValue.MulCeil(Dec.Parse("2"))));
    }

    [Theory]
    [InlineData("success: dividing by one half doubles", "50", "0.5", "100")]
    [InlineData("success: dividing by a third floors", "10", "0.333333333333333333", "30")]
    [InlineData("success: dividing by three floors", "10", "3", "3")]
    [InlineData("success: dividing by more than the value gives zero", "1", "3", "0")]
    public void DivFloor_divides_by_a_decimal_and_floors(string label, string amount, string dec, string expected)
    {
        _ = label;
        Assert.Equal(expected, Amount.Parse(amount).DivFloor(Dec.Parse(dec)).ToString());
    }

    [Fact]
    public void DivFloor_by_zero_raises_a_divide_by_zero_error()
    {
        Assert.IsType<StdError.DivideByZero>(Raised(() => ((Amount)10).DivFloor(Dec.Zero)));
    }

    [Theory]
    [InlineData("success: zero", "0")]
    [InlineData("success: an ordinary number", "1000")]
    [InlineData("success: the maximum", Max)]
    public void Parse_accepts_non_negative_integers_below_2_pow_128(string label, string input)
    {
        _ = label;
        Assert.Equal(input, Amount.Parse(input).ToString());
    }

    [Theory]
    [InlineData("failure: empty", "")]
    [InlineData("failure: negative", "-1")]
    [InlineData("failure: a plus sign", "+1")]
    [InlineData("failure: a fraction", "1.0")]
    [InlineData("failure: an exponent", "1e3")]
    [InlineData("failure: spaces", " 1")]
    [InlineData("failure: 2^128", "340282366920938463463374607431768211456")]
    public void Parse_refuses_anything_else_with_a_parse_error(string label, string input)
    {
        _ = label;
        var error = Assert.IsType<StdError.ParseError>(Raised(() => Amount.Parse(input)));
        Assert.Equal("ParseError", error.Kind);
        Assert.Equal("Uint128", error.Target);
        Assert.Equal(input, error.Input);
    }

    [Fact]
    public void An_amount_is_written_as_a_json_string_and_read_back()
    {
        var json = JsonSerializer.Serialize(Amount.MaxValue, Wire.Options);

        Assert.Equal($"\"{Max}\"", json);
        Assert.Equal(Amount.MaxValue, JsonSerializer.Deserialize<Amount>(json, Wire.Options));
    }

    [Theory]
    [InlineData("failure: a json number", "1000")]
    [InlineData("failure: a negative string", "\"-5\"")]
    [InlineData("failure: a decimal string", "\"1.5\"")]
    [InlineData("failure: null", "null")]
    public void An_amount_is_not_read_from_anything_but_a_decimal_integer_string(string label, string json)
    {
        _ = label;
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Amount>(json, Wire.Options));
    }

    [Fact]
    public void Amounts_compare_by_value()
    {
        Assert.True((Amount)1 < (Amount)2);
        Assert.True(Amount.MaxValue > (Amount)ulong.MaxValue);
        Assert.Equal((Amount)2, Amount.Max(1, 2));
        Assert.Equal((Amount)1, Amount.Min(1, 2));
        Assert.Equal(-1, ((Amount)1).CompareTo(2));
    }
}
