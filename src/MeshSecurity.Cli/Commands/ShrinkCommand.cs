using System.CommandLine;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Shrinking;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// meshsec shrink FILE: finds a smaller scenario that fails as FILE does (the same invariant, or the same expectation),
/// cutting steps and faults (the nemesis' draws written out) by delta debugging, and writes it.
/// </summary>
public static class ShrinkCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A scenario that fails (meshsec run exits 1)." };
        var outFile = new Option<string?>("--out") { Description = "Where the smaller scenario goes (default: out/shrunk/<file>)." };
        var seed = SeedOption.Create("Overrides the scenario's seed, as for meshsec run.");
        var maxRuns = new Option<int>("--max-runs") { Description = "The most runs to try (each is a whole run in memory, at full " +
            "speed).", DefaultValueFactory = _ => 200 };
        var command = new Command("shrink",
            "Cuts steps and faults from a failing scenario while it still fails the same way (its first violated invariant,\n" +
            "or else its first failed expectation), and writes the smallest scenario found. A nemesis is written out as the\n" +
            "chaos steps it drew, each one a step to keep or cut; the run's duration stays the original's.\n\n" +
            "Examples:\n  meshsec shrink out/soak-20-1/soak.conf\n  meshsec shrink failing.conf --out small.conf --max-runs 50" +
            "\n\nExit codes: 0 a smaller failing scenario was written, 2 bad input or a scenario that does not fail, " +
            "3 internal error,\n130 interrupted.")
        {
            file, outFile, seed, maxRuns,
        };
        command.SetAction(async (parse, ct) =>
        {
            var input = parse.GetValue(file)!;
            var output = Path.GetFullPath(parse.GetValue(outFile) ?? Path.Combine("out", "shrunk", input.Name));
            var runSeed = parse.GetValue(seed);
            string text;
            try
            {
                text = await File.ReadAllTextAsync(input.FullName, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"meshsec shrink: {input.FullName}: {ex.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.BadInput;
            }
            var shrinker = new Shrinker(async (scenario, token) =>
            {
                // a shard.handoff starts its chain again from the journal: those runs journal to a throwaway SQLite file
                var handsOff = scenario.Steps.Any(s => s is ScenarioStep.Chaos { Fault: ChaosSpec.ShardHandOff });
                var journalFile = handsOff ? Path.Combine(Path.GetTempPath(), $"meshsec-shrink-{Guid.NewGuid():N}.db") : null;
                try
                {
                    var options = new RunOptions(new JournalSettings(journalFile), Seed: runSeed, SpeedMax: true);
                    return await new ScenarioRunner(scenario, options, NullLoggerFactory.Instance).RunAsync(token);
                }
                finally
                {
                    var files = journalFile is null ? [] : Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(journalFile) + "*");
                    foreach (var f in files) File.Delete(f);
                }
            }, line => Console.Error.WriteLine(line));
            Shrinker.Result result;
            var stdout = Console.Out;
            // Akka may print a line to stdout while a run's system stops: stdout holds the result alone
            Console.SetOut(Console.Error);
            try
            {
                result = await shrinker.ShrinkAsync(text, input.FullName, Math.Max(1, parse.GetValue(maxRuns)), ct);
            }
            catch (ScenarioException ex)
            {
                foreach (var e in ex.Errors) Console.Error.WriteLine(e.ToString());
                return ExitCodes.BadInput;
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine($"meshsec shrink: {input.FullName}: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }
            finally
            {
                Console.SetOut(stdout);
            }
            if (result.Target is null)
            {
                Console.Error.WriteLine($"meshsec shrink: {input.Name} does not fail (every invariant and expectation holds): " +
                    "nothing to shrink");
                return ExitCodes.BadInput;
            }
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(output)!);
                await File.WriteAllTextAsync(output, result.Text, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"meshsec shrink: {output}: {ex.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.BadInput;
            }
            string[] keys =
            [
                result.Shortened == 0 ? "" : $"{result.Shortened} of its faults made shorter",
                result.Reduced == 0 ? "" : $"{result.Reduced} amounts made smaller",
                result.Milder == 0 ? "" : $"{result.Milder} of its faults made milder",
                result.Moved == 0 ? "" : $"{result.Moved} steps moved",
                result.Nemesis == 0 ? "" : $"the nemesis' {(result.Nemesis == 1 ? "interval or end" : "interval and end")} changed",
            ];
            var shortened = keys.Any(k => k.Length > 0) ? $" ({string.Join(", ", keys.Where(k => k.Length > 0))})" : "";
            Console.WriteLine($"shrunk {input.Name} from {result.StepsBefore} steps to {result.StepsAfter}{shortened} in {result.Runs} " +
                $"runs; it still fails: {result.Target.Said}");
            Console.WriteLine($"wrote {output}; replay: meshsec run {output}{(runSeed is null ? "" : " --seed " + runSeed)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
