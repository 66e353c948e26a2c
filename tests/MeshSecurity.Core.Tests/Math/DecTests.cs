using System.Text.Json;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Tests.ExactMath;

public class DecTests
{
    private const string MaxDec = "340282366920938463463.374607431768211455"; // (2^128 - 1) atomics
    private const string Third = "0.333333333333333333";

    private static MeshError Raised(Action action) => Assert.Throws<MeshException>(action).Error;

    [Theory]
    [InlineData("success: one tenth", "0.1", "0.1")]
    [InlineData("success: one", "1", "1")]
    [InlineData("success: one and a half", "1.5", "1.5")]
    [InlineData("success: zero", "0", "0")]
    [InlineData("success: the smallest positive value", "0.000000000000000001", "0.000000000000000001")]
    [InlineData("success: twelve whole digits and eighteen fractional ones", "340282366920.938463463374607431", "340282366920.938463463374607431")]
    [InlineData("success: the maximum value", MaxDec, MaxDec)]
    [InlineData("success: trailing fractional zeros are not printed", "1.000000000000000000", "1")]
    [InlineData("success: a trailing zero is dropped", "0.10", "0.1")]
    [InlineData("success: a zero fraction prints as an integer", "0.0", "0")]
    [InlineData("success: leading zeros are dropped", "007.50", "7.5")]
    public void Parse_and_print_match_cosmwasm_decimal(string label, string input, string printed)
    {
        _ = label;
        var d = Dec.Parse(input);

        Assert.Equal(printed, d.ToString());
        Assert.Equal(d, Dec.Parse(d.ToString()));
    }

    [Fact]
    public void The_maximum_decimal_is_2_pow_128_minus_one_atomics()
    {
        Assert.Equal(Dec.MaxValue, Dec.Parse(MaxDec));
        Assert.Equal(MaxDec, Dec.MaxValue.ToString());
    }

    [Theory]
    [InlineData("failure: nineteen fractional digits", "0.0000000000000000001", "cannot parse more than 18 fractional digits")]
    [InlineData("failure: nineteen fractional digits after a whole part", "1.1234567890123456789", "cannot parse more than 18 fractional digits")]
    [InlineData("failure: empty", "", "empty string")]
    [InlineData("failure: a dot without a fraction", "1.", "the fractional part must be digits")]
    [InlineData("failure: a dot without a whole part", ".5", "the whole part must be digits")]
    [InlineData("failure: negative", "-1", "the whole part must be digits")]
    [InlineData("failure: a plus sign", "+1", "the whole part must be digits")]
    [InlineData("failure: an exponent", "1e3", "the whole part must be digits")]
    [InlineData("failure: two dots", "1.2.3", "the fractional part must be digits")]
    [InlineData("failure: a space", " 1", "the whole part must be digits")]
    [InlineData("failure: a whole part above the maximum", "340282366920938463464", "value too big")]
    [InlineData("failure: one atomic above the maximum", "340282366920938463463.374607431768211456", "value too big")]
    public void Parse_refuses_what_cosmwasm_refuses(string label, string input, string reason)
    {
        _ = label;
        var error = Assert.IsType<StdError.ParseError>(Raised(() => Dec.Parse(input)));

        Assert.Equal("ParseError", error.Kind);
        Assert.Equal("Decimal", error.Target);
        Assert.Equal(input, error.Input);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void One_third_is_floored_to_eighteen_digits_and_three_thirds_are_not_one()
    {
        var third = Dec.FromRatio(1, 3);

        Assert.Equal(Third, third.ToString());
        Assert.Equal("0.999999999999999999", (third * Dec.FromInteger(3)).ToString());
        Assert.Equal("0.999999999999999999", (third * (Amount)3).ToString());
        Assert.Equal("0.999999999999999999", (third + third + third).ToString());
    }

    [Theory]
    [InlineData("success: one divided by three floors", "1", "3", Third)]
    [InlineData("success: two divided by three floors, it does not round", "2", "3", "0.666666666666666666")]
    [InlineData("success: a whole quotient", "1.5", "0.5", "3")]
    [InlineData("success: the smallest value divided by two floors to zero", "0.000000000000000001", "2", "0")]
    [InlineData("success: the maximum divided by one", MaxDec, "1", MaxDec)]
    public void Division_floors(string label, string a, string b, string expected)
    {
        _ = label;
        Assert.Equal(expected, (Dec.Parse(a) / Dec.Parse(b)).ToString());
    }

    [Theory]
    [InlineData("success: one and a half squared", "1.5", "1.5", "2.25")]
    [InlineData("success: the smallest value halved floors to zero", "0.000000000000000001", "0.5", "0")]
    [InlineData("success: a product below the last digit floors", "0.000000000000000003", "0.333333333333333333", "0")]
    [InlineData("success: the maximum times one needs a wide intermediate", MaxDec, "1", MaxDec)]
    [InlineData("success: a third times a third", Third, Third, "0.111111111111111110")]
    public void Multiplication_floors(string label, string a, string b, string expected)
    {
        _ = label;
        Assert.Equal(Dec.Parse(expected), Dec.Parse(a) * Dec.Parse(b));
    }

    [Fact]
    public void Dividing_a_decimal_by_an_integer_floors()
    {
        Assert.Equal(Third, (Dec.One / (Amount)3).ToString());
        Assert.Equal("0.5", (Dec.One / (Amount)2).ToString());
    }

    [Fact]
    public void Dividing_by_zero_raises_a_divide_by_zero_error()
    {
        Assert.IsType<StdError.DivideByZero>(Raised(() => _ = Dec.One / Dec.Zero));
        Assert.IsType<StdError.DivideByZero>(Raised(() => _ = Dec.One / Amount.Zero));
        Assert.IsType<StdError.DivideByZero>(Raised(() => Dec.FromRatio(1, 0)));
    }

    [Fact]
    public void Arithmetic_past_the_limits_raises_an_overflow()
    {
        var smallest = Dec.FromAtomics(UInt128.One);

        Assert.Equal("add", Assert.IsType<StdError.Overflow>(Raised(() => _ = Dec.MaxValue + smallest)).Operation);
        Assert.Equal("sub", Assert.IsType<StdError.Overflow>(Raised(() => _ = Dec.Zero - smallest)).Operation);
        Assert.Equal("mul", Assert.IsType<StdError.Overflow>(Raised(() => _ = Dec.MaxValue * Dec.Parse("2"))).Operation);
        Assert.Equal("mul", Assert.IsType<StdError.Overflow>(Raised(() => _ = Dec.MaxValue * (Amount)2)).Operation);
        Assert.Equal("div", Assert.IsType<StdError.Overflow>(Raised(() => _ = Dec.MaxValue / Dec.Parse("0.5"))).Operation);
        Assert.IsType<StdError.Overflow>(Raised(() => Dec.FromInteger(Amount.MaxValue)));
        Assert.IsType<StdError.Overflow>(Raised(() => Dec.FromRatio(Amount.MaxValue, 1)));
    }

    [Theory]
    [InlineData("success: one third", "1", "3", Third)]
    [InlineData("success: two thirds", "2", "3", "0.666666666666666666")]
    [InlineData("success: a whole ratio", "10", "5", "2")]
    [InlineData("success: a ratio below the last digit floors to zero", "1", "1000000000000000001", "0")]
    [InlineData("success: huge operands", "340282366920938463463374607431768211455", "340282366920938463463374607431768211455", "1")]
    public void FromRatio_floors_to_eighteen_digits(string label, string num, string den, string expected)
    {
        _ = label;
        Assert.Equal(expected, Dec.FromRatio(Amount.Parse(num), Amount.Parse(den)).ToString());
    }

    [Theory]
    [InlineData("success: five percent", 5UL, "0.05")]
    [InlineData("success: one hundred percent", 100UL, "1")]
    [InlineData("success: one hundred and fifty percent", 150UL, "1.5")]
    [InlineData("success: zero percent", 0UL, "0")]
    public void Percent_is_n_over_one_hundred(string label, ulong n, string expected)
    {
        _ = label;
        Assert.Equal(expected, Dec.Percent(n).ToString());
    }

    [Fact]
    public void Permille_is_n_over_one_thousand()
    {
        Assert.Equal("0.001", Dec.Permille(1).ToString());
        Assert.Equal("0.0001", (Dec.Permille(1) / (Amount)10).ToString());
    }

    [Theory]
    [InlineData("success: one and a half", "1.5", "1", "2")]
    [InlineData("success: a whole number", "2", "2", "2")]
    [InlineData("success: the smallest value", "0.000000000000000001", "0", "1")]
    [InlineData("success: zero", "0", "0", "0")]
    [InlineData("success: the maximum", MaxDec, "340282366920938463463", "340282366920938463464")]
    public void ToAmountFloor_and_ToAmountCeil_round_to_integers(string label, string dec, string floor, string ceil)
    {
        _ = label;
        var d = Dec.Parse(dec);

        Assert.Equal(floor, d.ToAmountFloor().ToString());
        Assert.Equal(ceil, d.ToAmountCeil().ToString());
    }

    [Fact]
    public void Floor_and_Fraction_split_a_decimal()
    {
        var d = Dec.Parse("12.75");

        Assert.Equal("12", d.Floor().ToString());
        Assert.Equal("0.75", d.Fraction().ToString());
        Assert.Equal(d, d.Floor() + d.Fraction());
    }

    [Fact]
    public void Saturating_subtraction_stops_at_zero()
    {
        Assert.Equal(Dec.Zero, Dec.Parse("0.5").SaturatingSub(Dec.One));
        Assert.Equal(Dec.Parse("0.5"), Dec.One.SaturatingSub(Dec.Parse("0.5")));
    }

    [Theory]
    [InlineData("success: one and a half", "1.5")]
    [InlineData("success: the smallest value", "0.000000000000000001")]
    [InlineData("success: the maximum", MaxDec)]
    [InlineData("success: zero", "0")]
    public void A_decimal_is_written_as_a_json_string_and_read_back(string label, string text)
    {
        _ = label;
        var d = Dec.Parse(text);
        var json = JsonSerializer.Serialize(d, Wire.Options);

        Assert.Equal($"\"{text}\"", json);
        Assert.Equal(d, JsonSerializer.Deserialize<Dec>(json, Wire.Options));
    }

    [Theory]
    [InlineData("failure: a json number", "1.5")]
    [InlineData("failure: nineteen fractional digits", "\"0.0000000000000000001\"")]
    [InlineData("failure: an exponent", "\"1e3\"")]
    [InlineData("failure: negative", "\"-1\"")]
    [InlineData("failure: null", "null")]
    public void A_decimal_is_not_read_from_anything_but_a_decimal_string(string label, string json)
    {
        _ = label;
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dec>(json, Wire.Options));
    }
}
