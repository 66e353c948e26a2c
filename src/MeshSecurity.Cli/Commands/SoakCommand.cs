using System.CommandLine;
using System.Globalization;
using MeshSecurity.Scenarios.Generation;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// meshsec soak: generates a scenario of many staker operations over a ring of chains under a nemesis of every fault
/// family, runs it as `meshsec run` does, and reports operations, faults, invariant violations and how long the network
/// took to settle after the final heal. Only invariants fail a soak: refused operations are counted, not failures.
/// </summary>
public static class SoakCommand
{
    public static Command Create()
    {
        var chains = new Option<int>("--chains") { Description = $"How many chains ({SoakOptions.MinChains} to {SoakOptions.MaxChains}).",
            DefaultValueFactory = _ => 20 };
        var ops = new Option<int>("--ops") { Description = "How many staker operations.", DefaultValueFactory = _ => 2000 };
        var seed = SeedOption.Create("Seed of the operations, the faults and the run.", "soak");
        var faults = new Option<string?>("--faults") { Description = "Comma-separated faults the nemesis draws from (default: " +
            "every family; docs/scenarios.md, \"nemesis\")." };
        var outDir = new Option<string?>("--out") { Description = "Where soak.conf, the report, events and journal go " +
            "(default: out/soak-<chains>-<seed>)." };
        var journal = new Option<string?>("--journal") { Description = "As for meshsec run (default: sqlite in --out)." };
        var speed = new Option<string?>("--speed") { Description = "As for meshsec run (default: max)." };
        var command = new Command("soak",
            "Runs many staker operations over a ring of chains under a seeded nemesis of every fault family, then a heal and a\n" +
            "quiet hour and a half, and checks every invariant at every window, every step time and at the end. Writes\n" +
            "soak.conf (the scenario: `meshsec run` replays it) and the run's report; prints operations, faults, violations\n" +
            "and the time to settle after the heal.\n\nExamples:\n  meshsec soak --chains 20 --ops 2000 --seed 1\n" +
            "  meshsec soak --chains 50 --ops 100000 --seed 7 --out out/soak50" +
            "\n\nExit codes: 0 no invariant was violated (refused operations are counted, not failures), 1 some invariant " +
            "was,\n2 bad input, 3 internal error, 130 interrupted.")
        {
            chains, ops, seed, faults, outDir, journal, speed,
        };
        command.SetAction(async (parse, ct) =>
        {
            var listed = parse.GetValue(faults)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var options = new SoakOptions(parse.GetValue(chains), parse.GetValue(ops), parse.GetValue(seed)!, listed);
            string text;
            try
            {
                text = SoakGenerator.Generate(options);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"meshsec soak: {ex.Message}");
                return ExitCodes.BadInput;
            }
            var dir = Path.GetFullPath(parse.GetValue(outDir)
                ?? Path.Combine("out", $"soak-{options.Chains}-{RunSettings.SafeName(options.Seed)}"));
            var file = Path.Combine(dir, "soak.conf");
            RunSettings settings;
            try
            {
                Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(file, text, ct);
                settings = RunSettings.From(new FileInfo(file), null, parse.GetValue(speed) ?? "max", dir, parse.GetValue(journal),
                    "warning", null) with { ShowReport = false };
            }
            catch (ScenarioException ex)
            {
                // a --faults entry the nemesis does not know: the error names the line of soak.conf
                foreach (var e in ex.Errors) Console.Error.WriteLine(e.ToString());
                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"meshsec soak: {ex.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.BadInput;
            }
            var code = await RunCommand.Run(settings, ct);
            if (code is ExitCodes.BadInput or ExitCodes.Interrupted || !File.Exists(Path.Combine(dir, "report.json"))) return code;
            var summary = SoakSummary.Read(dir);
            Console.WriteLine(summary.Describe(options));
            return summary.Violations.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
