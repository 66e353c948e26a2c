using System.Globalization;
using System.Text.Json;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using Serilog.Events;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// The resolved settings of one run, from the command line or, with --resume, from the run folder's run.json
/// (the scenario is copied there, so the resumed run reads exactly what the first one read).
/// </summary>
public sealed record RunSettings(Scenario Scenario, string ScenarioPath, string OutDir, JournalSettings Journal, string? Seed, double? Speed, bool SpeedMax, LogEventLevel ConsoleLevel)
{
    /// <summary>True when continuing an earlier run from its folder: its journal is kept, not emptied.</summary>
    public bool Resumed { get; init; }

    private sealed record Saved(string Scenario, string? Seed, string? Speed, string Journal, string? Original = null);

    public static RunSettings From(FileInfo? file, string? seed, string? speed, string? outDir, string? journal, string logLevel, string? resume)
    {
        var level = ParseLevel(logLevel);
        if (resume is not null)
        {
            if (file is not null) throw new ArgumentException("give either a scenario file or --resume DIR, not both");
            var runFile = Path.Combine(resume, "run.json");
            if (!File.Exists(runFile)) throw new FileNotFoundException($"{runFile} not found: --resume needs the output folder of an earlier run");
            var saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(runFile)) ?? throw new FormatException($"{runFile} is empty");
            var copied = Path.Combine(resume, "scenario.conf");
            var (isMax, value) = ParseSpeed(saved.Speed);
            // parsed under its original name, so locations (and so the report) read as in the first run
            var resumed = ScenarioParser.Parse(File.ReadAllText(copied), saved.Original ?? copied);
            return new RunSettings(resumed, copied, resume, JournalSettings.Parse(saved.Journal), saved.Seed, value, isMax, level) { Resumed = true };
        }
        if (file is null) throw new ArgumentException("a scenario file is required (or --resume DIR)");
        if (!file.Exists) throw new FileNotFoundException($"{file.FullName} not found");
        var scenario = ScenarioParser.ParseFile(file.FullName);
        var dir = outDir ?? Path.Combine("out", SafeName(scenario.Name));
        // a new run starts a new journal (RunCommand empties it once it is known to be reachable); --resume continues one
        var j = JournalSettings.Parse(journal ?? "sqlite:" + Path.Combine(dir, "journal.db"));
        var (max, s) = ParseSpeed(speed);
        return new RunSettings(scenario, file.FullName, dir, j, seed, s, max, level);
    }

    /// <summary>
    /// Writes run.json and a copy of the scenario to the output folder, so the run can be resumed. The journal is saved in
    /// full (a PostgreSQL password included), as --resume must reconnect; everything logged uses the masked form.
    /// </summary>
    public void Save()
    {
        var copy = Path.Combine(OutDir, "scenario.conf");
        if (Path.GetFullPath(copy) != Path.GetFullPath(ScenarioPath)) File.Copy(ScenarioPath, copy, overwrite: true);
        var speed = SpeedMax ? "max" : Speed?.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(OutDir, "run.json"), JsonSerializer.Serialize(new Saved("scenario.conf", Seed, speed, Journal.ToFullString(), Scenario.File)));
    }

    private static (bool Max, double? Value) ParseSpeed(string? text)
    {
        if (text is null) return (false, null);
        if (text == "max") return (true, null);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v)) return (false, v);
        throw new FormatException($"--speed must be 'max' or a positive number of emulated seconds per wall second, got '{text}'");
    }

    private static LogEventLevel ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "verbose" or "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" or "info" => LogEventLevel.Information,
        "warning" or "warn" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => throw new FormatException($"--log-level must be verbose, debug, information, warning or error, got '{text}'"),
    };

    private static string SafeName(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
}
