using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>Whatever the text, the parser answers with a scenario or with located errors; it never throws anything else.</summary>
public sealed class RobustnessTests
{
    private const string Alphabet = "{}[]=:,\"#/$ \n\tabc019.-_+?!@*&^`\\'";

    [Theory]
    [InlineData("quickstart.conf")]
    [InlineData("claims.conf")]
    [InlineData("slash-propagation.conf")]
    public void Mutated_examples_give_located_errors(string name)
    {
        var original = Examples.Text(name);
        var lines = original.Split('\n').Length;
        var rng = new Random(20240101);
        for (var i = 0; i < 400; i++)
        {
            var text = Mutate(original, rng);
            if (ScenarioParser.TryParse(text, name, out var scenario, out var errors))
            {
                Assert.NotNull(scenario);
                continue;
            }
            Assert.NotEmpty(errors);
            foreach (var e in errors)
            {
                Assert.Equal(name, e.File);
                Assert.InRange(e.Line, 1, lines + 1);
                Assert.True(e.Column >= 1, e.ToString());
                Assert.False(string.IsNullOrWhiteSpace(e.Message), e.ToString());
            }
        }
    }

    private static string Mutate(string text, Random rng)
    {
        var at = rng.Next(text.Length);
        return rng.Next(3) switch
        {
            0 => text.Remove(at, 1),
            1 => text.Insert(at, Alphabet[rng.Next(Alphabet.Length)].ToString()),
            _ => text.Remove(at, 1).Insert(at, Alphabet[rng.Next(Alphabet.Length)].ToString()),
        };
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("scenario = 5")]
    [InlineData("chains = [[[]]]")]
    [InlineData("scenario { name = t }\nchains = [ {}, [], 5, null ]")]
    [InlineData("\"")]
    [InlineData("${a}")]
    [InlineData("a = ${a}")]
    [InlineData("a = [\n  ? # Akka's tokenizer loops forever on this\n]")]
    [InlineData("a = [ ? ]")]
    [InlineData("a = x?y")]
    [InlineData("a = [ ${ at = 1m, action = bond } ]")]
    [InlineData("scenario { name = ${scenario.seed}, seed = ${scenario.name} }")]
    public void Degenerate_texts(string text)
    {
        Assert.False(ScenarioParser.TryParse(text, "x.conf", out _, out var errors));
        Assert.NotEmpty(errors);
    }
}
