using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Inputs that used to hang the parser, take quadratic memory, throw or wrap around: each now gets one located error,
/// within a time bound (a regression would otherwise hang the run) and an allocation bound.
/// </summary>
public sealed class BoundsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private const long BoundBytes = 256L << 20;

    private static string Settings(string extra) => Parse.Base.Replace("scenario { name = t }", "scenario { name = t, " + extra + " }",
        StringComparison.Ordinal);

    private static readonly string DottedKey = string.Join(".", Enumerable.Repeat("a", 100_000)) + " = 1\n";

    public static TheoryData<string, string, int, int, string, string> Cases => new()
    {
        // name, text, line, column, key, message fragment
        { "spaces in a substitution in a list hung Akka", "a = 1\nb = [ ${ a } ]\n", 2, 7, "b[0]",
            "no spaces inside a substitution: write ${a}" },
        { "spaces in a substitution", "a = 1\nb = ${ a }\n", 2, 5, "b", "no spaces inside a substitution: write ${a}" },
        { "a space before the closing brace", "a = 1\nb = [ ${a } ]\n", 2, 7, "b[0]", "no spaces inside a substitution: write ${a}" },
        { "100,000 dotted segments took 6 GB", DottedKey, 1, 129, "",
            "nested more than 64 levels deep (counting each segment of a dotted key)" },
        { "dotted segments add to braces", string.Concat(Enumerable.Repeat("a.a.a.a { ", 20)) + "x = 1" + new string('}', 20) + "\n",
            1, 161, string.Join(".", Enumerable.Repeat("a", 64)), "nested more than 64" },
        { "copies of copies double", "a = [1, 1]\nb = [${a}, ${a}]\nc = [${b}, ${b}]\n", 3, 6, "c[0]",
            "${b} refers to a value that holds a substitution (${a} at line 2)" },
        { "a 7,000-character key path took 14 KB per field", DeepLongKeys, 1, 969, "", "a key path longer than 1000 characters" },
        { "too many substitutions", "a = 1\nb = [" + string.Join(", ", Enumerable.Repeat("${a}", 40)) + "]\n", 2, 198, "b[32]",
            "more than 32 substitutions in one file" },
        { "a step near 2^64 ns threw OverflowException", Parse.WithStep("{ at = 213503d, action = advance }"), 8, 5, "steps[0].at",
            "at most 36500d, 100 years" },
        { "a duration near 2^64 ns", Settings("duration = 213503d"), 1, 22, "scenario.duration", "at most 36500d, 100 years" },
        { "a genesis-time after 2554 wrapped to 2400", Settings("genesis-time = \"2600-01-01\""), 1, 22, "scenario.genesis-time",
            "from 1970-01-01 to 2200-01-01" },
        { "the year 9999", Settings("genesis-time = \"9999-12-31T23:59:59Z\""), 1, 22, "scenario.genesis-time",
            "from 1970-01-01 to 2200-01-01" },
        { "a speed below 1e-11 overflowed the clock", Settings("speed = \"0.00000000001\""), 1, 22, "scenario.speed",
            "from 0.001 to 1000000" },
        { "a speed too fast to mean anything", Settings("speed = 2000000"), 1, 22, "scenario.speed", "from 0.001 to 1000000" },
        { "an unbonding period near 2^64 ns", Parse.Base.Replace("id = juno,", "id = juno, unbonding-period = 200000d,",
            StringComparison.Ordinal),
            4, 16, "chains[1].unbonding-period", "at most 36500d" },
        { "a lognormal spread beyond the limit", Latency("{ kind = lognormal, mean = 1s, spread = 11 }"), 6, 146,
            "links[0].relayer.latency.spread", "expected a spread from 0 to 10" },
        { "a lognormal that can draw centuries", Latency("{ kind = lognormal, mean = 1h, spread = 5 }"), 6, 146,
            "links[0].relayer.latency.spread", "can draw latencies up to" },
        { "a latency near 2^64 ns", Latency("{ kind = constant, value = 213503d }"), 6, 134, "links[0].relayer.latency.value",
            "at most 36500d" },
    };

    private static string Latency(string latency) =>
        Parse.Base.Replace("staking-funds = 1000", "staking-funds = 1000, relayer { latency = " + latency + " }", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_input_gets_one_located_error_in_bounded_time_and_memory(string name, string text, int line, int column,
        string key, string fragment)
    {
        var (errors, allocated) = await Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var errors = Parse.Errors(text);
            return (errors, GC.GetAllocatedBytesForCurrentThread() - before);
        }).WaitAsync(Bound);
        Assert.True(errors.Count == 1, $"{name}: expected one error, got:\n{string.Join("\n", errors)}");
        Parse.At(errors[0], line, column, key, fragment);
        Assert.True(allocated < BoundBytes, $"{name}: allocated {allocated >> 20} MB");
    }

    /// <summary>Keys 120 characters long, nested 60 deep, holding 20,000 fields: a map of whole paths kept 14 KB per field.</summary>
    private static readonly string DeepLongKeys =
        string.Join(".", Enumerable.Repeat(new string('k', 120), 60)) + " {\n" +
        string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a{i} = 1\n")) + "}\n";

    /// <summary>The same fields under 60 short keys: accepted by the scanner, answered (unknown key) in bounded memory.</summary>
    private static readonly string DeepShortKeys =
        string.Join(".", Enumerable.Repeat("k", 60)) + " {\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a{i} = 1\n")) +
        "}\n";

    /// <summary>100,000 keys, then the first redefined 100,000 times: each redefinition scanned every key (quadratic).</summary>
    private static readonly string Redefinitions =
        string.Concat(Enumerable.Range(0, 100_000).Select(i => $"x{i} = 1\n")) + string.Concat(Enumerable.Repeat("x0 = 2\n", 100_000));

    public static TheoryData<string, string, long> Large => new()
    {
        { "keys nested deep, without a long path", DeepShortKeys, 256L << 20 },
        { "many redefinitions", Redefinitions, 1L << 30 },
    };

    [Theory]
    [MemberData(nameof(Large))]
    public async Task Large_texts_are_answered_within_bounds(string name, string text, long maxBytes)
    {
        var (errors, allocated) = await Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var errors = Parse.Errors(text);
            return (errors, GC.GetAllocatedBytesForCurrentThread() - before);
        }).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(allocated < maxBytes, $"{name}: allocated {allocated >> 20} MB");
    }

    [Theory]
    [InlineData("speed = \"0.001\"", "duration = 36500d", "genesis-time = \"2200-01-01T00:00:00Z\"")]
    [InlineData("speed = 1000000", "duration = 1s", "genesis-time = \"1970-01-01\"")]
    public void Values_at_the_limits_are_accepted(params string[] settings)
    {
        var s = Parse.Ok(Settings(string.Join(", ", settings)));
        Assert.True(s.Duration <= ScenarioLimits.MaxDuration);
        Assert.True(s.GenesisTime <= ScenarioLimits.LatestGenesisTimestamp);
    }

    public static TheoryData<string, string> Unprintable => new()
    {
        { "scenario { name = t, \"sp\u001b[2Jeed\" = 1 }\n", "sp\\u001B[2Jeed" },
        { "scenario { name = t, \"a\\u0007b\" = 1 }\n", "a\\u0007b" },
        { "scenario { name = t, \"x\\u202Ey\" = 1 }\n", "x\\u202Ey" },
        { "scenario { name = t, \"tab\\there\" = 1 }\n", "tab\\there" },
        { "scenario { name = t, \"line\\nbreak\" = 1 }\n", "line\\nbreak" },
    };

    [Theory]
    [MemberData(nameof(Unprintable))]
    public void Unprintable_characters_in_errors_are_escaped(string text, string escaped)
    {
        var errors = Parse.Errors(text + "chains = []\n");
        var printed = string.Join("\n", errors.Select(e => e.ToString()));
        Assert.Contains(escaped, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(printed.Replace("\n", "", StringComparison.Ordinal), c => char.IsControl(c) || c == '\u202e');
    }
}
