using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Sweeping;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// `meshsec sweep --param path=v1,v2`: how the option's text splits into values, and how a value is set into the scenario
/// (checked as if written in the file), with a located error naming the param for a path or value that is wrong.
/// </summary>
public sealed class SweepParamTests
{
    private static Scenario With(string path, string value)
    {
        var o = new ScenarioOverride($"{path}={value}", path, value);
        if (ScenarioParser.TryParse(Parse.Base, Parse.File, [o], out var s, out var errors)) return s;
        Assert.Fail(string.Join("\n", errors));
        return null!;
    }

    private static IReadOnlyList<ScenarioError> Errors(string path, string value)
    {
        Assert.False(ScenarioParser.TryParse(Parse.Base, Parse.File, [new ScenarioOverride($"{path}={value}", path, value)],
            out _, out var errors));
        return errors;
    }

    [Fact]
    public void A_key_the_file_does_not_write_is_added_and_read_as_if_written()
    {
        Assert.Equal(new CapPolicy.Fraction(Dec.Parse("0.1")), With("links.0.cap", "\"10%\"").Links[0].Cap);
        Assert.Equal(new CapPolicy.Fixed(Amount.Parse("700")), With("links[0].cap", "700").Links[0].Cap);
    }

    [Fact]
    public void A_key_the_file_writes_is_replaced_in_place()
    {
        Assert.Equal(Dec.Parse("0.25"), With("links.0.exchange-rate", "\"0.25\"").Links[0].ExchangeRate);
        Assert.Equal(Amount.Parse("300"), With("chains.1.validators.0.stake", "300").Chains[1].Validators[0].Stake);
        // the file's other values stay
        Assert.Equal(Dec.Parse("0.5"), With("chains.1.validators.0.stake", "300").Links[0].ExchangeRate);
    }

    [Theory]
    [InlineData("failure: an index past the list", "links.3.cap", "1", 6, 1, "links[3].cap",
        "links is a list of 1: expected an index from 0 to 0, got \"3\"")]
    [InlineData("failure: a misspelt key on the way", "lnks.0.cap", "1", 1, 1, "lnks[0].cap",
        "has no key \"lnks\" (did you mean \"links\"?)")]
    [InlineData("failure: the seed", "scenario.seed", "7", 1, 1, "scenario.seed", "is not a param")]
    [InlineData("failure: under a single value", "links.0.provider.x", "1", 6, 13, "links[0].provider.x", "is a single value")]
    [InlineData("failure: not a HOCON value", "links.0.cap", "{", 1, 1, "links[0].cap", "expected a HOCON value, got \"{\"")]
    [InlineData("failure: a bad value for a key not written", "links.0.cap", "lots", 6, 11, "links[0].cap",
        "(set by --param links.0.cap=lots)")]
    [InlineData("failure: a bad value for a key written", "links.0.exchange-rate", "abc", 6, 50, "links[0].exchange-rate",
        "(set by --param links.0.exchange-rate=abc)")]
    [InlineData("failure: a misspelt last key", "links.0.cpa", "1", 6, 11, "links[0].cpa", "did you mean \"cap\"")]
    public void A_wrong_param_is_a_located_error_that_names_it(string label, string path, string value, int line, int column,
        string key, string fragment)
    {
        Assert.NotEmpty(label);
        var errors = Errors(path, value);
        var e = Assert.Single(errors);
        Assert.Equal((Parse.File, line, column, key), (e.File, e.Line, e.Column, e.Key));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_key_set_twice_is_an_error()
    {
        Assert.False(ScenarioParser.TryParse(Parse.Base, Parse.File,
            [new ScenarioOverride("links.0.cap=1", "links.0.cap", "1"), new ScenarioOverride("links[0].cap=2", "links[0].cap", "2")],
            out _, out var errors));
        Assert.Contains("set by two --param options", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("success: plain values", "links.0.cap=1,2,\"10%\"", "links.0.cap", new[] { "1", "2", "\"10%\"" })]
    [InlineData("success: objects with commas", "links.0.price.path={ kind = constant, price = \"0.5\" },{ kind = constant, price = 1 }",
        "links.0.price.path", new[] { "{ kind = constant, price = \"0.5\" }", "{ kind = constant, price = 1 }" })]
    [InlineData("success: a quoted comma", "scenario.name=\"a,b\",c", "scenario.name", new[] { "\"a,b\"", "c" })]
    public void The_option_splits_at_commas_outside_brackets_and_quotes(string label, string text, string path, string[] values)
    {
        Assert.NotEmpty(label);
        var p = SweepParam.Parse(text, out var error);
        Assert.True(p is not null, error);
        Assert.Equal(path, p.Path);
        Assert.Equal(values, p.Values);
    }

    [Theory]
    [InlineData("failure: no values", "links.0.cap", "expected path=value1,value2")]
    [InlineData("failure: an empty value", "links.0.cap=1,,2", "every value after '=' must be written")]
    [InlineData("failure: a value twice", "links.0.cap=1,1", "a value is given twice")]
    public void A_malformed_option_says_what_is_expected(string label, string text, string fragment)
    {
        Assert.NotEmpty(label);
        Assert.Null(SweepParam.Parse(text, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.StartsWith("--param " + text, error, StringComparison.Ordinal);
    }
}
