using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// A user's scenario (helper dogfood3): Akka's parser refuses a comma after `key { ... }` with only "Unknown token"; the
/// error says the way out (docs/scenarios.md, "links").
/// </summary>
public sealed class CommaAfterObjectTests
{
    private const string Hint = "Akka's parser refuses a comma after key { ... }: write key = { ... }, or end the line after the }";

    [Fact]
    public void A_comma_after_an_object_written_without_equals_is_explained_where_it_stands()
    {
        var text = Parse.Base.Replace("staking-funds = 1000 }",
            "staking-funds = 1000\n  relayer { batch-size = 5 }, packet-lifetime = 2h }", StringComparison.Ordinal);
        var e = Parse.Single(text, 7, 29, "", "HOCON: Unknown token");
        Assert.EndsWith($"({Hint})", e.Message, StringComparison.Ordinal);
        var fixedText = text.Replace("relayer { batch-size = 5 },", "relayer = { batch-size = 5 },", StringComparison.Ordinal);
        Assert.Equal(5, Parse.Ok(fixedText).Links[0].Relayer.BatchSize);
    }
}
