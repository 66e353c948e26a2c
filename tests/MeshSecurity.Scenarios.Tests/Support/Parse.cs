using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Scenarios.Tests.Support;

/// <summary>Parsing helpers: a small valid base scenario, and assertions on errors with exact positions.</summary>
internal static class Parse
{
    public const string File = "t.conf";

    /// <summary>
    /// Six lines: osmosis (alice, validator ov) provides to juno (validator jv, account jack). Sections appended to it
    /// start on line 7.
    /// </summary>
    public const string Base =
        "scenario { name = t }\n" +
        "chains = [\n" +
        "  { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = ov, stake = 100 } ], accounts = [ { name = alice, balance = \"1000uosmo\" }, { name = bob } ] }\n" +
        "  { id = juno, prefix = juno, denom = ujuno, validators = [ { name = jv, stake = 100 }, { name = jv2, stake = 50 } ], accounts = [ { name = jack, balance = 10 } ] }\n" +
        "]\n" +
        "links = [ { provider = osmosis, consumer = juno, exchange-rate = \"0.5\", staking-funds = 1000 } ]\n";

    public static Scenario Ok(string text)
    {
        if (ScenarioParser.TryParse(text, File, out var s, out var errors)) return s;
        Assert.Fail("expected the scenario to parse, got:\n" + string.Join("\n", errors));
        return null!;
    }

    public static IReadOnlyList<ScenarioError> Errors(string text) =>
        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(text, File)).Errors;

    /// <summary>Asserts the text has exactly one error, at that place, whose message contains <paramref name="fragment"/>.</summary>
    public static ScenarioError Single(string text, int line, int column, string key, string fragment)
    {
        var errors = Errors(text);
        Assert.True(errors.Count == 1, $"expected one error, got {errors.Count}:\n{string.Join("\n", errors)}");
        return At(errors[0], line, column, key, fragment);
    }

    /// <summary>
    /// Like <see cref="Single"/>, the column being where <paramref name="needle"/> first stands on that line (for tables of
    /// edits, where the column moves with the edit).
    /// </summary>
    public static ScenarioError SingleAt(string text, int line, string needle, string key, string fragment) =>
        Single(text, line, text.Split('\n')[line - 1].IndexOf(needle, StringComparison.Ordinal) + 1, key, fragment);

    /// <summary>Asserts one of the errors is at that place with that message fragment.</summary>
    public static ScenarioError Has(IReadOnlyList<ScenarioError> errors, int line, int column, string key, string fragment)
    {
        var match = errors.FirstOrDefault(e => e.Line == line && e.Column == column && e.Key == key && e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.True(match is not null, $"no error {File}:{line}:{column}: {key}: ...{fragment}... among:\n{string.Join("\n", errors)}");
        return match!;
    }

    public static ScenarioError At(ScenarioError e, int line, int column, string key, string fragment)
    {
        Assert.Equal(File, e.File);
        Assert.True(e.Line == line && e.Column == column && e.Key == key, $"expected {File}:{line}:{column}: {key}, got {e}");
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        return e;
    }

    /// <summary>The base scenario with one step.</summary>
    public static string WithStep(string step) => Base + "steps = [\n  " + step + "\n]\n";

    /// <summary>The base scenario with one expectation.</summary>
    public static string WithExpect(string expectation) => Base + "expect = [\n  " + expectation + "\n]\n";
}
