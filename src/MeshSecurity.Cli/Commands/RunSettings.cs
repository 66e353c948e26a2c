using System.Globalization;
using System.Text.Json;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;
using Serilog.Events;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// The resolved settings of one run, from the command line or, with --resume, from the run folder's run.json
/// (the scenario is copied there, so the resumed run reads exactly what the first one read). Paths in run.json are
/// absolute, so a run can be resumed from any working directory.
/// </summary>
public sealed record RunSettings(Scenario Scenario, string ScenarioPath, string OutDir, JournalSettings Journal, string? Seed, double? Speed, bool SpeedMax, LogEventLevel ConsoleLevel)
{
    /// <summary>True when continuing an earlier run from its folder: its journal is kept, not emptied.</summary>
    public bool Resumed { get; init; }

    /// <summary>No progress or tables: the summary as one JSON document on stdout (RunSummary).</summary>
    public bool Json { get; init; }

    /// <summary>The terminal's invariant and expectation tables show only failures.</summary>
    public bool FailuresOnly { get; init; }

    /// <summary>--units display: the tables show micro denoms in whole units (1,490 uosmo as 0.00149 osmo).</summary>
    public bool DisplayUnits { get; init; }

    /// <summary>False when the caller prints its own summary of the report (meshsec soak).</summary>
    public bool ShowReport { get; init; } = true;

    /// <summary>Where chains run contract code (--contracts). Not saved in run.json: the history is the same either way,
    /// so a resumed run may use the other one.</summary>
    public ContractExecution Contracts { get; init; } = ContractExecution.Inline;

    /// <summary>How the console and meshsec.log write (--log-format); not saved: a resumed run may choose again.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>Which blocks events.jsonl lists (--events); not saved: a resumed run writes the file anew and may choose again.</summary>
    public EventsDetail Events { get; init; } = EventsDetail.Summary;

    /// <summary>Wall time between two checkpoints (--checkpoint-every); not saved: a resumed run may choose again.</summary>
    public TimeSpan CheckpointEvery { get; init; } = Scenarios.Running.ScenarioRunner.DefaultCheckpointEvery;

    /// <summary>How long an unanswered message waits before it is sent again (--stall-timeout); not saved, as above.</summary>
    public TimeSpan? StallTimeout { get; init; }

    /// <summary>The cluster the run drives (--cluster): its members journal, so this process keeps none (memory).</summary>
    public Scenarios.Running.ClusterTarget? Cluster { get; init; }

    /// <summary>What the run's journal is stamped with: the scenario file's bytes and the effective seed.</summary>
    public required JournalStamp Stamp { get; init; }

    /// <summary>run.json. <see cref="JournalInFolder"/>: the SQLite journal's name when it lies in the run folder, so a moved
    /// or copied folder resumes its own journal; <see cref="Journal"/> is absolute otherwise.</summary>
    private sealed record Saved(string Scenario, string? Seed, string? Speed, string Journal, string? Original = null,
        string? RunHash = null, string? JournalInFolder = null);

    public static RunSettings From(FileInfo? file, string? seed, string? speed, string? outDir, string? journal, string logLevel, string? resume)
    {
        var level = ParseLevel(logLevel);
        if (resume is not null)
        {
            if (file is not null) throw new ArgumentException("give either a scenario file or --resume DIR, not both");
            if (seed is not null || outDir is not null || journal is not null)
                throw new ArgumentException("--resume continues a run with its own seed, folder and journal (from its run.json): drop " +
                    "--seed, --out and --journal");
            return Resume(resume, speed, level);
        }
        if (file is null) throw new ArgumentException("a scenario file is required (or --resume DIR)");
        var read = ScenarioFile.Read(file.FullName);
        var scenario = read.Scenario;
        var dir = Path.GetFullPath(outDir ?? Path.Combine("out", SafeName(scenario.Name)));
        // a new run starts a new journal (RunCommand empties it, if it is one of ours); --resume continues one
        var j = Absolute(JournalSettings.Parse(journal ?? "sqlite:" + Path.Combine(dir, "journal.db")));
        var (max, s) = ParseSpeed(speed);
        var stamp = new JournalStamp(scenario.Name, JournalStamp.HashOf(read.Bytes, seed ?? scenario.Seed));
        return new RunSettings(scenario, file.FullName, dir, j, seed, s, max, level) { Stamp = stamp };
    }

    private static RunSettings Resume(string folder, string? speedOverride, LogEventLevel level)
    {
        var dir = Path.GetFullPath(folder);
        var runFile = Path.Combine(dir, "run.json");
        if (!File.Exists(runFile))
            throw new FileNotFoundException($"{runFile} not found: --resume needs the output folder of an earlier run");
        Saved saved;
        try
        {
            saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(runFile)) ?? throw new JsonException("empty");
            if (saved.Scenario is null || saved.Journal is null) throw new JsonException("scenario or journal missing");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{runFile} is damaged ({ex.Message.ReplaceLineEndings(" ")}): the run cannot be resumed");
        }
        var copied = Path.Combine(dir, "scenario.conf");
        // parsed under its original name, so locations (and so the report) read as in the first run
        var read = ScenarioFile.Read(copied, saved.Original ?? copied);
        var stamp = new JournalStamp(read.Scenario.Name, JournalStamp.HashOf(read.Bytes, saved.Seed ?? read.Scenario.Seed));
        if (saved.RunHash is null)
            throw new FormatException(
                $"{runFile} was written by an older meshsec (no run hash), so its journal cannot be checked; start a new run");
        if (saved.RunHash != stamp.RunHash)
            throw new FormatException($"{copied} was changed after the run started (it no longer matches {runFile}): a resumed run " +
                "replays the scenario it started with; start a new run for the edited scenario");
        var (isMax, value) = ParseSpeed(speedOverride ?? saved.Speed);
        var journal = saved.JournalInFolder is { } name ? new JournalSettings(Path.Combine(dir, name))
            : Absolute(JournalSettings.Parse(saved.Journal));
        return new RunSettings(read.Scenario, copied, dir, journal, saved.Seed, value, isMax, level) { Resumed = true, Stamp = stamp };
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
        var inFolder = Journal.Kind == JournalKind.Sqlite
            && Path.GetDirectoryName(Journal.SqlitePath) == Path.GetFullPath(OutDir).TrimEnd(Path.DirectorySeparatorChar)
            ? Path.GetFileName(Journal.SqlitePath)
            : null;
        var saved = new Saved("scenario.conf", Seed, speed, Journal.ToFullString(), Scenario.File, Stamp.RunHash, inFolder);
        File.WriteAllText(Path.Combine(OutDir, "run.json"), JsonSerializer.Serialize(saved));
    }

    /// <summary>The paced speeds a run supports, as for a scenario's speed (ScenarioLimits): faster is 'max'.</summary>
    private static readonly double MinSpeed = double.Parse(ScenarioLimits.MinSpeed.ToString(), CultureInfo.InvariantCulture),
        MaxSpeed = double.Parse(ScenarioLimits.MaxSpeed.ToString(), CultureInfo.InvariantCulture);

    private static JournalSettings Absolute(JournalSettings j) =>
        j.Kind == JournalKind.Sqlite ? new JournalSettings(Path.GetFullPath(j.SqlitePath!)) : j;

    private static (bool Max, double? Value) ParseSpeed(string? text)
    {
        if (text is null) return (false, null);
        if (text == "max") return (true, null);
        // plain digits and a point, as a scenario's speed (ValueParsers.TrySpeed): no exponent, sign or spaces
        if (text.All(c => char.IsAsciiDigit(c) || c == '.') &&
            double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) &&
            v >= MinSpeed && v <= MaxSpeed)
            return (false, v);
        throw new FormatException($"--speed must be 'max' or a number of emulated seconds per wall second from " +
            $"{MinSpeed.ToString(CultureInfo.InvariantCulture)} to {MaxSpeed.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
    }

    /// <summary>--contracts: inline (the default) or actor.</summary>
    public static ContractExecution ParseContracts(string? text) => text switch
    {
        null or "inline" => ContractExecution.Inline,
        "actor" => ContractExecution.Actor,
        _ => throw new FormatException($"--contracts must be inline or actor, got '{text}'"),
    };

    /// <summary>--events: summary (the default) or all.</summary>
    public static EventsDetail ParseEvents(string? text) => text switch
    {
        null or "summary" => EventsDetail.Summary,
        "all" => EventsDetail.All,
        _ => throw new FormatException($"--events must be summary or all, got '{text}'"),
    };

    /// <summary>--checkpoint-every: whole wall seconds (0: every slice), or off.</summary>
    public static TimeSpan ParseCheckpointEvery(string? text) => text switch
    {
        null => Scenarios.Running.ScenarioRunner.DefaultCheckpointEvery,
        "off" => TimeSpan.MaxValue,
        _ when uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) =>
            TimeSpan.FromSeconds(s),
        _ => throw new FormatException($"--checkpoint-every must be whole seconds or off, got '{text}'"),
    };

    /// <summary>--stall-timeout: whole seconds, at least 1 (null: the default, 30 s).</summary>
    public static TimeSpan? ParseStallTimeout(string? text) => text switch
    {
        null => null,
        _ when uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s)
            && s > 0 => TimeSpan.FromSeconds(s),
        _ => throw new FormatException($"--stall-timeout must be whole seconds, at least 1, got '{text}'"),
    };

    /// <summary>--units: true for display, false for base (the default).</summary>
    public static bool ParseUnits(string? text) => text switch
    {
        null or "base" => false,
        "display" => true,
        _ => throw new FormatException($"--units must be base or display, got '{text}'"),
    };

    internal static LogEventLevel ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "verbose" or "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" or "info" => LogEventLevel.Information,
        "warning" or "warn" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => throw new FormatException($"--log-level must be verbose, debug, information, warning or error, got '{text}'"),
    };

    internal static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
}
