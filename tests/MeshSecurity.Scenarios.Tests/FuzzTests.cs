using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Seeded mutants of the example scenarios through the parser, in process: each must be answered within
/// <see cref="PerCase"/> (and allocate less than <see cref="PerCaseBytes"/>) with a scenario or a
/// <see cref="ScenarioException"/> whose errors are all located and printable. Mutant i of an example is
/// <see cref="Mutant"/>(example, i) alone, so a failure names what reproduces it.
/// </summary>
public sealed partial class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 9_2026;
    private const int CasesPerExample = 1_000;
    // a hang detector, not a speed check: a parse takes milliseconds, but one took over 10 s on a machine whose two cores ran
    // two test projects and their node processes; a parser loop never answers at all
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(60);
    private const long PerCaseBytes = 512L << 20;

    private static readonly string[] Inserts =
    [
        "${", "${ a }", "${scenario.name}", "${chains}", "[", "]", "{", "}", "\"", "\"\"\"", "=", ":", ",", "\n", "#", "//",
        "99999999999999999999999999999999999999999", "340282366920938463463374607431768211456", "1e400", "213503d",
        "18446744073709551615ns",
        "\"9999-12-31T23:59:59Z\"", "0.00000000001", "-1", "\u0000", "\u001b[2J", "\u202e", "\ud800", "\t", "\r", "include \"x\"", "+=",
        "${?x}",
    ];

    private static readonly string[] Substitutions =
        ["${ a }", "${ scenario.duration }", "${scenario.duration}", "${scenario.name }", "${ chains}", "${chains}", "${}", "${links[0]}"];

    [Fact]
    public async Task Mutants_of_the_examples_are_answered_in_bounded_time_and_memory_with_located_errors()
    {
        var tried = 0;
        var valid = 0;
        var crashes = new List<string>();
        var hangs = new List<string>();
        var wall = Stopwatch.StartNew();
        string[] examples = ["quickstart.conf", "claims.conf", "slash-propagation.conf", "lockup-refusals.conf", "mesh-records.conf",
            "injected-packet.conf"];
        foreach (var example in examples)
        {
            for (var i = 0; i < CasesPerExample && hangs.Count == 0; i++)
            {
                tried++;
                var text = Mutant(example, i);
                string? problem;
                try
                {
                    problem = await OnItsOwnThread(() => Answer(text, example)).WaitAsync(PerCase);
                }
                catch (TimeoutException)
                {
                    // the hung parse cannot be stopped; stop here rather than pile up more of them
                    hangs.Add($"{Repro(example, i)}: no answer within {PerCase.TotalSeconds}s");
                    break;
                }
                if (problem is not null) crashes.Add($"{Repro(example, i)}: {problem}");
                else if (ScenarioParser.TryParse(text, example, out _, out _)) valid++;
            }
        }
        output.WriteLine($"fuzz: {tried} inputs tried, {valid} valid, {crashes.Count} crashes, {hangs.Count} hangs, " +
            $"{wall.Elapsed.TotalSeconds:F1}s");
        Assert.True(crashes.Count == 0 && hangs.Count == 0,
            $"{tried} inputs, {crashes.Count} crashes, {hangs.Count} hangs:\n" + string.Join("\n", crashes.Concat(hangs).Take(10)));
        Assert.Equal(examples.Length * CasesPerExample, tried);
        Assert.InRange(valid, 1, tried - 1); // the mutants are neither all broken nor all harmless
    }

    /// <summary>
    /// Runs the parse on a thread of its own: on the thread pool, which the actor systems of tests running beside this one
    /// keep busy, a 30 ms parse could wait its turn longer than the bound and read as a hang.
    /// </summary>
    private static Task<string?> OnItsOwnThread(Func<string?> answer)
    {
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                done.SetResult(answer());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }) { IsBackground = true, Name = "fuzz case" }.Start();
        return done.Task;
    }

    private static string Repro(string example, int index) => $"FuzzTests.Mutant(\"{example}\", {index}) (seed {Seed})";

    /// <summary>Null when the answer is sound; otherwise what is wrong with it.</summary>
    private static string? Answer(string text, string file)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            ScenarioParser.Parse(text, file);
        }
        catch (ScenarioException e)
        {
            var lines = text.Split('\n').Length;
            if (e.Errors.Count == 0) return "a ScenarioException without errors";
            foreach (var error in e.Errors)
            {
                if (error.File != file || error.Line < 1 || error.Line > lines + 1 || error.Column < 1 || error.Message.Length == 0)
                    return $"an error without a sound location: {error}";
                if (error.ToString().Any(c => char.IsControl(c) || c is '\u202e' || char.IsSurrogate(c)))
                    return $"an error with an unprintable character: {error}";
            }
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return allocated > PerCaseBytes ? $"allocated {allocated >> 20} MB" : null;
    }

    [GeneratedRegex(@"[A-Za-z0-9_.\-]+|""[^""\n]*""|\S")]
    private static partial Regex Token();

    /// <summary>Mutant <paramref name="index"/> of an example: one to four edits drawn from a generator seeded by the index.</summary>
    public static string Mutant(string example, int index)
    {
        var rng = new Random(HashCode.Combine(Seed, index, example.Length));
        var sb = new StringBuilder(Examples.Text(example));
        var edits = 1 + rng.Next(4);
        for (var e = 0; e < edits; e++) Edit(sb, rng);
        return sb.ToString();
    }

    private static void Edit(StringBuilder sb, Random rng)
    {
        var at = rng.Next(sb.Length + 1);
        switch (rng.Next(10))
        {
            case 0: // flip a bit of a character
                if (at < sb.Length) sb[at] = (char)(sb[at] ^ (1 << rng.Next(8)));
                break;
            case 1: // delete a span
                sb.Remove(Math.Min(at, sb.Length), Math.Min(1 + rng.Next(40), sb.Length - Math.Min(at, sb.Length)));
                break;
            case 2: // duplicate a span
                var len = Math.Min(1 + rng.Next(200), sb.Length - Math.Min(at, sb.Length));
                sb.Insert(Math.Min(at, sb.Length), sb.ToString(Math.Min(at, sb.Length), len));
                break;
            case 3: // splice a token from elsewhere
                var tokens = Token().Matches(sb.ToString());
                if (tokens.Count > 0) sb.Insert(at, tokens[rng.Next(tokens.Count)].Value);
                break;
            case 4: // replace a token with another
                var all = Token().Matches(sb.ToString());
                if (all.Count < 2) break;
                var victim = all[rng.Next(all.Count)];
                sb.Remove(victim.Index, victim.Length).Insert(victim.Index, all[rng.Next(all.Count)].Value);
                break;
            case 5: // replace a number with a huge, tiny or odd one
                var numbers = Regex.Matches(sb.ToString(), "[0-9]+");
                if (numbers.Count == 0) break;
                var n = numbers[rng.Next(numbers.Count)];
                sb.Remove(n.Index, n.Length).Insert(n.Index, Inserts[16 + rng.Next(6)].Trim('"'));
                break;
            case 6: // deep nesting
                var depth = 1 + rng.Next(200);
                var open = rng.Next(3) switch { 0 => "[", 1 => "{ a = ", _ => "a." };
                sb.Insert(at, string.Concat(Enumerable.Repeat(open, depth)) + (open == "a." ? "a = 1" : "1"));
                break;
            case 7: // a substitution where a value starts
                var starts = Regex.Matches(sb.ToString(), @"(?:=|\[|,) ?");
                if (starts.Count == 0) break;
                var v = starts[rng.Next(starts.Count)];
                sb.Insert(v.Index + v.Length, Substitutions[rng.Next(Substitutions.Length)] + (rng.Next(2) == 0 ? " " : ", "));
                break;
            default: // insert a piece of syntax
                sb.Insert(at, Inserts[rng.Next(Inserts.Length)]);
                break;
        }
    }
}
