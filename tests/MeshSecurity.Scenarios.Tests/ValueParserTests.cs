using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Scenarios.Tests;

public sealed class ValueParserTests
{
    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("0s", 0UL)]
    [InlineData("1ns", 1UL)]
    [InlineData("3us", 3_000UL)]
    [InlineData("500ms", 500_000_000UL)]
    [InlineData("6s", 6_000_000_000UL)]
    [InlineData("1m", 60_000_000_000UL)]
    [InlineData("2h", 7_200_000_000_000UL)]
    [InlineData("21d", 1_814_400_000_000_000UL)]
    [InlineData("1h30m", 5_400_000_000_000UL)]
    [InlineData("1h 30m", 5_400_000_000_000UL)]
    [InlineData("6 s", 6_000_000_000UL)]
    [InlineData("1.5s", 1_500_000_000UL)]
    [InlineData("0.25h", 900_000_000_000UL)]
    [InlineData("1_000ms", 1_000_000_000UL)]
    public void Durations_are_exact(string text, ulong nanos)
    {
        Assert.True(Duration.TryParse(text, out var d, out var error), error);
        Assert.Equal(nanos, d.Nanos);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-1s", "negative")]
    [InlineData("10", "unit is missing")]
    [InlineData("10y", "unknown unit")]
    [InlineData("1.s", "digit must follow")]
    [InlineData("1.5ns", "not a whole number of nanoseconds")]
    [InlineData("213504d", "too long")]
    public void Bad_durations_say_why(string text, string why)
    {
        Assert.False(Duration.TryParse(text, out _, out var error));
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0UL, "0s")]
    [InlineData(500_000_000UL, "500ms")]
    [InlineData(5_400_000_000_000UL, "1h30m")]
    [InlineData(1_814_400_000_000_000UL, "21d")]
    [InlineData(1_500_000_001UL, "1s500ms1ns")]
    public void Durations_print_canonically_and_round_trip(ulong nanos, string text)
    {
        Assert.Equal(text, new Duration(nanos).ToString());
        Assert.Equal(nanos, Duration.Parse(text).Nanos);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1000", "1000")]
    [InlineData("1_000_000", "1000000")]
    [InlineData("340282366920938463463374607431768211455", "340282366920938463463374607431768211455")]
    [InlineData("25uosmo", "25")]
    public void Amounts(string text, string expected)
    {
        Assert.True(ValueParsers.TryAmount(text, "uosmo", out var a, out var detail), detail);
        Assert.Equal(Amount.Parse(expected), a);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("-1")]
    [InlineData("1,000")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("25ujuno")]
    [InlineData("340282366920938463463374607431768211456")]
    public void Not_amounts(string text)
    {
        Assert.False(ValueParsers.TryAmount(text, "uosmo", out _, out _));
    }

    [Fact]
    public void Decimals_are_exact()
    {
        Assert.True(ValueParsers.TryDec("0.000000000000000001", out var d, out _));
        Assert.Equal(Dec.FromAtomics(1), d);
        Assert.False(ValueParsers.TryDec("1e-3", out _, out var why));
        Assert.Contains("exponent", why, StringComparison.Ordinal);
        Assert.False(ValueParsers.TryDec("-0.5", out _, out why));
        Assert.Contains("negative", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Coins()
    {
        Assert.True(ValueParsers.TryCoin("5000000uosmo", out var c, out _));
        Assert.Equal(new Coin("uosmo", 5_000_000), c);
        Assert.True(ValueParsers.TryCoin("7ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2", out c, out _));
        Assert.Equal((Amount)7, c.Amount);
        Assert.False(ValueParsers.TryCoin("uosmo", out _, out _));
        Assert.False(ValueParsers.TryCoin("5 uosmo", out _, out _));
        Assert.False(ValueParsers.TryCoin("5ab", out _, out _));
    }
}
