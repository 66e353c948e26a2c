using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

public sealed class ScenarioSectionTests
{
    private static string With(string settings) => Parse.Base.Replace("scenario { name = t }", settings, StringComparison.Ordinal);

    [Fact]
    public void Every_key_is_read()
    {
        var s = Parse.Ok(With("""scenario { name = "my run", description = "a test", seed = 42, speed = "2.5", duration = 3h, genesis-time = "2024-01-02T03:04:05Z" }"""));
        Assert.Equal("my run", s.Name);
        Assert.Equal("a test", s.Description);
        Assert.Equal("42", s.Seed);
        Assert.Equal(2.5, s.Speed);
        Assert.Equal(Duration.FromHours(3), s.Duration);
        Assert.Equal(new Timestamp((ulong)new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds() * Timestamp.NanosPerSecond), s.GenesisTime);
        Assert.Equal(Parse.File, s.File);
    }

    [Fact]
    public void Defaults()
    {
        var s = Parse.Ok(Parse.Base);
        Assert.Equal("t", s.Name);
        Assert.Null(s.Description);
        Assert.Equal("mesh", s.Seed);
        Assert.Null(s.Speed);
        Assert.Null(s.GenesisTime);
        Assert.Equal(Duration.FromMinutes(10), s.Duration); // no steps: 0 + 10m
        Assert.Empty(s.Steps);
        Assert.Empty(s.Expectations);
    }

    [Fact]
    public void Speed_max_is_null()
    {
        Assert.Null(Parse.Ok(With("scenario { name = t, speed = max }")).Speed);
        Assert.Equal(100, Parse.Ok(With("scenario { name = t, speed = 100 }")).Speed);
    }

    [Fact]
    public void Seed_may_be_a_string()
    {
        Assert.Equal("the seed", Parse.Ok(With("""scenario { name = t, seed = "the seed" }""")).Seed);
    }

    /// <summary>A user's scenario (helper dogfood2): an unquoted fraction is no integer seed; quoted it is text.</summary>
    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.5")]
    [InlineData("1e3")]
    [InlineData("2.")]
    public void A_fractional_seed_is_a_located_error(string seed)
    {
        Parse.SingleAt(With($"scenario {{ name = t, seed = {seed} }}"), 1, "seed", "scenario.seed",
            $"expected a seed (an integer or a string), got {seed}, a number that is not an integer");
        Assert.Equal(seed, Parse.Ok(With($"scenario {{ name = t, seed = \"{seed}\" }}")).Seed);
        Assert.Equal("-7", Parse.Ok(With("scenario { name = t, seed = -7 }")).Seed);
    }

    [Fact]
    public void A_fractional_nemesis_seed_is_a_located_error()
    {
        var text = Parse.Base + "nemesis { start = 1m, end = 1h, interval = 10m, seed = 0.25 }\n";
        Parse.SingleAt(text, 7, "seed", "nemesis.seed", "got 0.25, a number that is not an integer");
    }

    /// <summary>A user's scenario (helper dogfood3): an empty seed, the file's or the nemesis', is a located error.</summary>
    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public void An_empty_seed_is_a_located_error(string seed)
    {
        Parse.SingleAt(With($"scenario {{ name = t, seed = {seed} }}"), 1, "seed", "scenario.seed",
            "expected a seed (an integer or a string), got an empty string (leave seed out for its default)");
        var nemesis = Parse.Base + $"nemesis {{ start = 1m, end = 1h, interval = 10m, seed = {seed} }}\n";
        Parse.SingleAt(nemesis, 7, "seed", "nemesis.seed", "got an empty string");
    }

    /// <summary>A user's scenario (helper dogfood2): durations sum their parts, written together or apart.</summary>
    [Fact]
    public void Compound_durations_may_be_spaced()
    {
        Assert.Equal(Duration.FromMinutes(90), Parse.Ok(With("scenario { name = t, duration = 1h30m }")).Duration);
        Assert.Equal(Duration.FromMinutes(90), Parse.Ok(With("scenario { name = t, duration = 1h 30m }")).Duration);
        Assert.Equal(Duration.FromMinutes(90), Parse.Ok(With("scenario { name = t, duration = \"1h 30m\" }")).Duration);
    }

    [Fact]
    public void Default_duration_is_the_last_time_plus_ten_minutes()
    {
        var s = Parse.Ok(Parse.Base + """
            steps = [ { at = 1h, action = advance } ]
            expect = [ { at = 2h30m, what = supply, chain = juno, equals = 1 } ]
            """);
        Assert.Equal(Duration.FromMinutes(160), s.Duration);
    }

    /// <summary>A user's scenario (helper dogfood): a zero duration is one error, not one more for each step after it.</summary>
    [Fact]
    public void A_zero_duration_is_its_only_error()
    {
        var text = With("scenario { name = t, duration = 0 }") + """
            steps = [ { at = 1h, action = advance } ]
            expect = [ { at = 2h, what = supply, chain = juno, equals = 1 } ]
            """;
        Parse.Single(text, 1, 22, "scenario.duration", "the run must last longer than 0s");
    }

    [Fact]
    public void Genesis_time_forms()
    {
        var day = (ulong)new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() * Timestamp.NanosPerSecond;
        Assert.Equal(new Timestamp(day), Parse.Ok(With("""scenario { name = t, genesis-time = "2024-01-02" }""")).GenesisTime);
        Assert.Equal(new Timestamp(day + 3600 * Timestamp.NanosPerSecond),
            Parse.Ok(With("""scenario { name = t, genesis-time = "2024-01-02T02:00:00+01:00" }""")).GenesisTime);
        Assert.Equal(new Timestamp(day + 500_000_000),
            Parse.Ok(With("""scenario { name = t, genesis-time = "2024-01-02T00:00:00.5Z" }""")).GenesisTime);
    }

    [Fact]
    public void Root_braces_and_colons_are_hocon()
    {
        var s = Parse.Ok("{\n" + Parse.Base.Replace("scenario { name = t }", "scenario : { name : t }", StringComparison.Ordinal) + "}\n");
        Assert.Equal("t", s.Name);
    }
}
