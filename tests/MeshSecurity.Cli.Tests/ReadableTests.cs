using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>The terminal's figures, as people read them (report.json keeps the exact ones).</summary>
public class ReadableTests
{
    [Theory]
    [InlineData("0s", "0s")]
    [InlineData("760us77ns", "760us77ns")]
    [InlineData("12ms500us", "13ms")]
    [InlineData("4s699ms760us77ns", "4.7s")]
    [InlineData("6s", "6.0s")]
    [InlineData("20m12s500ms", "20m13s")]
    [InlineData("3h20m5s", "3h20m")]
    [InlineData("2d3h40m", "2d4h")]
    [InlineData("never", "never")]
    public void Durations_are_rounded_to_what_matters_at_their_scale(string exact, string shown) =>
        Assert.Equal(shown, Readable.Duration(exact));

    [Theory]
    [InlineData("0", null, "0")]
    [InlineData("1500000000", "uosmo", "1,500,000,000 uosmo")]
    [InlineData("340282366920938463463374607431768211455", null, "340,282,366,920,938,463,463,374,607,431,768,211,455")]
    [InlineData("0.5", null, "0.5")]
    public void Amounts_are_grouped_in_thousands_with_their_denom(string exact, string? denom, string shown) =>
        Assert.Equal(shown, Readable.Amount(exact, denom));

    [Theory]
    [InlineData("1490", "uosmo", "0.00149 osmo")]
    [InlineData("1500000000", "uosmo", "1,500 osmo")]
    [InlineData("340282366920938463463374607431768211455", "ujuno", "340,282,366,920,938,463,463,374,607,431,768.211455 juno")]
    [InlineData("1490", "stake", "1,490 stake")]
    [InlineData("1490", "u", "1,490 u")]
    public void Display_units_show_a_micro_denom_in_whole_units_exactly(string exact, string denom, string shown) =>
        Assert.Equal(shown, Readable.DisplayAmount(exact, denom));
}
