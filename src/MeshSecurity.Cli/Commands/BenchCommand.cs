using System.CommandLine;
using System.Globalization;
using MeshSecurity.Cli.Bench;
using Spectre.Console;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// meshsec bench: macro benchmarks measured in this run (raw Akka bound, relayed packets, slash fan-out, scale, time
/// compression, persistence, a loopback cluster), printed as a table and written to bench.json and bench.html.
/// </summary>
public static class BenchCommand
{
    private static readonly string[] Groups = ["a", "b", "c", "d", "e", "f", "g", "h"];

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Small sizes and 2 repetitions (a smoke run of well under a minute)." };
        var output = new Option<string>("--out") { Description = "The JSON file to write; bench.html is written beside it.", DefaultValueFactory = _ => "bench.json" };
        var only = new Option<string?>("--only") { Description = "Run only these groups, comma-separated (a-h; default: all)." };
        var json = new Option<bool>("--json")
        {
            Description = "Print bench.json's document on stdout instead of the table (progress stays on stderr).",
        };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "A PostgreSQL connection string for a second persistence figure (default: $MESHSEC_BENCH_POSTGRES; none when unset). When given, an unreachable server is a failure (exit 1), with the reason.",
        };
        var command = new Command("bench",
            "Measures throughput, slash fan-out, scale, time compression, persistence and a loopback cluster against the raw Akka " +
            "bound, in one " +
            "run; each figure is reported on stderr as soon as it is measured.\n\nExamples:\n  meshsec bench --quick\n" +
            "  meshsec bench --only b,c --out out/bench.json\n  meshsec bench --quick --json | jq '.benchmarks[].median'" + ExitCodes.Help)
        {
            quick, output, only, postgres, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var q = parse.GetValue(quick);
            var path = parse.GetValue(output)!;
            var groups = (parse.GetValue(only) ?? string.Join(',', Groups)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            if (groups.FirstOrDefault(g => !Groups.Contains(g)) is { } bad)
            {
                await Console.Error.WriteLineAsync($"meshsec bench: --only takes groups a-h, got '{bad}'");
                return ExitCodes.BadInput;
            }
            var full = Path.GetFullPath(path);
            // checked before a minute of measuring, not after
            if (WhyUnwritable(full) is { } why)
            {
                await Console.Error.WriteLineAsync($"meshsec bench: --out {path} {why}");
                return ExitCodes.BadInput;
            }
            var pg = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("MESHSEC_BENCH_POSTGRES");
            var started = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            var results = await new BenchRunner(q, groups, pg).RunAllAsync(ct);
            var report = new BenchReport(q, started, BenchMachine.Describe(), results);
            var document = report.ToJson();
            if (parse.GetValue(json)) Console.WriteLine(document);
            else Print(report);
            await File.WriteAllTextAsync(full, document, ct);
            var html = Path.ChangeExtension(full, ".html");
            await File.WriteAllTextAsync(html, BenchHtml.Render(report), ct);
            var wrote = $"wrote {path} and {Path.GetRelativePath(Environment.CurrentDirectory, html)}";
            if (parse.GetValue(json)) await Console.Error.WriteLineAsync(wrote);
            else Console.WriteLine(wrote);
            // a report without one of its figures is a failed bench (CI's smoke run checks this exit code)
            var missing = report.Missing(groups).ToList();
            if (pg is not null)
                missing.AddRange(BenchReport.PostgresSeries.Where(s => groups.Contains(s.Group) && !results.Any(r => r.Id == s.Series))
                    .Select(s => s.Series));
            if (missing.Count == 0) return ExitCodes.Ok;
            await Console.Error.WriteLineAsync($"meshsec bench: the report lacks {string.Join(", ", missing)}");
            return ExitCodes.Failed;
        });
        return command;
    }

    private static void Print(BenchReport report)
    {
        var table = new Table().Title($"meshsec bench{(report.Quick ? " --quick" : "")}").Border(TableBorder.Simple)
            .AddColumn(new TableColumn("benchmark").NoWrap()).AddColumn(new TableColumn("median").RightAligned().NoWrap()).AddColumn(new TableColumn("unit").NoWrap())
            .AddColumn(new TableColumn("reps").RightAligned()).AddColumn(new TableColumn("min-max").RightAligned().NoWrap());
        foreach (var r in report.Results)
            table.AddRow(Markup.Escape($"{r.Group}. {r.Title}"), BenchReport.Format(r.Median), Markup.Escape(r.Unit), r.Samples.Count.ToString(CultureInfo.InvariantCulture),
                $"{BenchReport.Format(r.Min)}-{BenchReport.Format(r.Max)}{(r.Noisy ? " noisy" : "")}");
        // a console on the current Console.Out (the test harness redirects it; AnsiConsole keeps the first writer it saw)
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        // redirected (CI logs, files) Spectre assumes 80 columns and wraps the figures; a log line may be long
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        console.Write(table);
        foreach (var r in report.Results.Where(r => r.Note.Length > 0)) Console.WriteLine($"  {r.Id}: {r.Note}");
        if (report.Results.Any(r => r.Noisy))
            Console.WriteLine("  noisy: the repetitions of a figure so marked spread by more than " +
                              $"{BenchResult.NoisySpread:P0} of its median " +
                              "(a shared or busy machine): read it as an order of magnitude, and compare ratios taken in the same run");
        var m = report.Machine;
        Console.WriteLine($"{m["processor_count"]} cores, {m["os"]}, {m["dotnet"]}, Akka {m["akka"]}, commit {m["git_commit"] ?? "unknown"}");
    }

    /// <summary>Null when <paramref name="file"/> (and the HTML beside it) can be written, else why not, in a few words.</summary>
    private static string? WhyUnwritable(string file)
    {
        if (Directory.Exists(file)) return "is a folder; give a file name such as bench.json";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using (new FileStream(file, FileMode.OpenOrCreate, FileAccess.Write)) { }
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "cannot be written: permission denied";
        }
        catch (IOException ex)
        {
            return "cannot be written: " + ex.Message.ReplaceLineEndings(" ");
        }
    }
}
