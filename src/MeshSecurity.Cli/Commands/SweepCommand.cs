using System.CommandLine;
using System.Globalization;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Sweeping;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// meshsec sweep FILE --param path=v1,v2 --seeds N: the scenario under every combination of the params' values and N
/// seeds, in process, K runs at a time; one comparison (sweep.json, sweep.html) of medians and intervals per configuration.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The scenario to sweep." };
        var parameters = new Option<string[]>("--param")
        {
            Description = "A scenario key and its values, path=v1,v2,... (keys joined by '.', list elements by index: " +
                "links.0.cap=1000000,\"10%\"); repeat for more keys: every combination runs.",
            AllowMultipleArgumentsPerToken = false,
        };
        var seeds = new Option<int>("--seeds")
        {
            Description = "How many seeds each configuration runs under: the scenario's own and the next ones.",
            DefaultValueFactory = _ => 3,
        };
        var outDir = new Option<string?>("--out") { Description = "Where sweep.json and sweep.html go (default: out/sweep-<name>)." };
        var parallel = new Option<int>("--parallel")
        {
            Description = "How many runs at a time (default: the machine's cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("sweep",
            "Runs a scenario under each combination of the params' values and several seeds (in memory, at full speed) and\n" +
            "writes one comparison: per configuration, the median over the seeds and an order-statistic interval of each\n" +
            "link's share of its consumer's power, the slowest slash's reach time, the failed expectations, invariants and\n" +
            "steps, and every numeric expectation reading.\n\n" +
            "Examples:\n  meshsec sweep hocon/scenarios/caps.conf --param links.0.over-cap=fail,normalise --seeds 2\n" +
            "  meshsec sweep s.conf --param links.0.cap=1000000,\"10%\" --param links.0.slash-fraction=0.05,0.1 --seeds 5" +
            "\n\nExit codes: 0 every run passed, 1 a configuration failed an expectation, invariant or step, 2 bad input, " +
            "3 internal error,\n130 interrupted.")
        {
            file, parameters, seeds, outDir, parallel,
        };
        command.SetAction(async (parse, ct) =>
        {
            var input = parse.GetValue(file)!;
            var count = parse.GetValue(seeds);
            var k = parse.GetValue(parallel);
            if (count < 1 || count > 1000 || k < 1)
            {
                Console.Error.WriteLine($"meshsec sweep: --seeds must be from 1 to 1000 and --parallel at least 1 (got {count}, {k})");
                return ExitCodes.BadInput;
            }
            var sweepParams = new List<SweepParam>();
            foreach (var written in parse.GetValue(parameters) ?? [])
            {
                if (SweepParam.Parse(written, out var error) is not { } p)
                {
                    Console.Error.WriteLine($"meshsec sweep: {error}");
                    return ExitCodes.BadInput;
                }
                sweepParams.Add(p);
            }
            string text;
            try
            {
                text = ScenarioFile.Decode(input.FullName, ScenarioFile.ReadBytes(input.FullName));
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"meshsec sweep: {ex.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.BadInput;
            }
            var plan = SweepPlan.Prepare(text, input.FullName, sweepParams, count, out var errors);
            if (errors.Count > 0)
            {
                foreach (var e in errors) Console.Error.WriteLine(e.ToString());
                return ExitCodes.BadInput;
            }
            var output = Path.GetFullPath(parse.GetValue(outDir) ?? Path.Combine("out", "sweep-" + plan.Name));
            Console.Error.WriteLine($"sweep of {plan.Name}: {plan.Configurations.Length} configurations x {plan.Seeds.Length} seeds, " +
                $"{Math.Min(k, plan.Configurations.Length * plan.Seeds.Length)} at a time");
            var sweeper = new Sweeper(async (scenario, seed, token) =>
                await new ScenarioRunner(scenario, new RunOptions(JournalSettings.Memory, Seed: seed, SpeedMax: true),
                    NullLoggerFactory.Instance).RunAsync(token),
                line => Console.Error.WriteLine(line));
            SweepReport? report;
            var stdout = Console.Out;
            // Akka may print a line to stdout while a run's system stops: stdout holds the comparison alone
            Console.SetOut(Console.Error);
            try
            {
                report = await sweeper.RunAsync(plan, k, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }
            finally
            {
                Console.SetOut(stdout);
            }
            if (report is null) return ExitCodes.Interrupted;
            try
            {
                await SweepWriter.WriteAllAsync(output, report, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"meshsec sweep: {output}: {ex.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.BadInput;
            }
            Print(report);
            Console.WriteLine($"sweep: {Path.Combine(output, "sweep.json")}, {Path.Combine(output, "sweep.html")}");
            return report.Result.Ok ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>
    /// Per configuration: its runs passed, then each figure's median and interval (the expectation readings, which can be
    /// many, only in the files).
    /// </summary>
    private static void Print(SweepReport r)
    {
        foreach (var c in r.Configurations)
        {
            Console.WriteLine($"#{c.Index} {SweepReport.Label(c.Values)}: {c.Runs.Count(x => x.Ok)} of {c.Runs.Length} runs passed" +
                (c.Ok ? "" : " (FAILED)"));
            foreach (var f in c.Figures.Where(f => !f.Name.StartsWith('#')))
                Console.WriteLine($"    {f.Name}: median {f.Median} [{f.CiLow}, {f.CiHigh}] " +
                    $"({(decimal.Parse(f.CiLevel, CultureInfo.InvariantCulture) * 100).ToString("0.#", CultureInfo.InvariantCulture)} %)");
        }
        var readings = r.Configurations.SelectMany(c => c.Figures).Count(f => f.Name.StartsWith('#'));
        if (readings > 0) Console.WriteLine($"{readings} expectation readings: in sweep.json and sweep.html");
        Console.WriteLine($"{r.Result.Runs - r.Result.FailedRuns} of {r.Result.Runs} runs passed; " +
            $"{r.Result.FailedConfigurations} of {r.Result.Configurations} configurations failed");
    }
}
