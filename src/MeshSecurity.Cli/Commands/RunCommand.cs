using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MeshSecurity.Cli.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace MeshSecurity.Cli.Commands;

/// <summary>meshsec run FILE: runs a scenario on an embedded single node and writes its report.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "The scenario file (HOCON), e.g. hocon/scenarios/quickstart.conf.", Arity = ArgumentArity.ZeroOrOne };
        var seed = SeedOption.Create("Overrides the scenario's seed (every random draw derives from it).");
        var speed = new Option<string?>("--speed") { Description = "Emulated seconds per wall second, or 'max' (default: the scenario's)." };
        var outDir = new Option<string?>("--out") { Description = "Where report.json, report.html, events.jsonl, the journal and the log go (default: out/<scenario name>)." };
        var journal = new Option<string?>("--journal") { Description = "sqlite:PATH (default: <out>/journal.db), " +
            "postgres:CONNECTION-STRING (Npgsql form, e.g. " +
            "'postgres:Host=127.0.0.1;Port=5432;Username=akka;Password=akka;Database=akka'; PostgreSQL 15+) or memory. " +
            "A new run empties the journal, but only one this tool wrote (anything else at PATH is refused, untouched); " +
            "--resume continues it when it was written for the same scenario and seed." };
        var logLevel = new Option<string>("--log-level") { Description = "verbose, debug, information, warning or error (default: warning on the console; the log file gets information).", DefaultValueFactory = _ => "warning" };
        var resume = new Option<string?>("--resume") { Description = "Continues an interrupted run from its output folder (same scenario, seed and journal)." };
        var json = new Option<bool>("--json")
        {
            Description = "No progress or tables: prints the run's summary as one JSON document on stdout.",
        };
        var contracts = new Option<string?>("--contracts") { Description = "Where chains run contract code: inline (default: in " +
            "the chain's own turn) or actor (each call a message to the contract's actor). The history is the same either way." };
        var failuresOnly = new Option<bool>("--failures-only") { Description = "The invariant and expectation tables list only what " +
            "failed (the summary counts everything)." };
        var units = new Option<string?>("--units") { Description = "How the tables show amounts: base (default: 1,490 uosmo) or " +
            "display (micro denoms in whole units: 0.00149 osmo). report.json keeps base units." };
        var cluster = new Option<string?>("--cluster") { Description = "Runs on a running cluster (meshsec node) instead of an " +
            "embedded node: comma-separated seed addresses, e.g. akka.tcp://meshsec@127.0.0.1:4053. The members journal; the " +
            "report, events and log are written here as usual." };
        var placement = new Option<string?>("--placement") { Description = "With --cluster: co-located (default: a link's " +
            "channels on its provider chain's node) or spread (every chain and channel by its own hash)." };
        var minNodes = new Option<int>("--min-nodes") { Description = "With --cluster: the mesh members to wait for (default 1).",
            DefaultValueFactory = _ => 1 };
        var clusterHost = new Option<string?>("--cluster-hostname") { Description = "With --cluster: the address the members " +
            "reach this driver at (default 127.0.0.1; 'auto': this machine's first non-loopback IPv4)." };
        var logFormat = new Option<string?>("--log-format") { Description = LogFormats.Help };
        var joinTimeout = new Option<int?>("--join-timeout") { Description = "With --cluster: seconds to wait for the cluster to take " +
            "the run (join, members up, run hosted; default 60)." };
        var restarts = new Option<int?>("--restarts") { Description = "With --cluster: how many times the run starts again on the " +
            "members left when one it runs on leaves or is lost (default 3; 0: the run fails, exit 2)." };
        var events = new Option<string?>("--events") { Description = "Which blocks events.jsonl lists: summary (default: those " +
            "with transactions or events, and every 100th height of each chain) or all." };
        var checkpointEvery = new Option<string?>("--checkpoint-every") { Description = "Wall seconds between two checkpoints, " +
            "which --resume starts from (default 30; 0: at the end of every slice; off: none). A run stopped early also " +
            "checkpoints where it stopped." };
        var stallTimeout = new Option<string?>("--stall-timeout") { Description = "Wall seconds an unanswered message between " +
            "the run's entities waits before it is sent again (default 30); after 20 re-sends the run fails naming it." };
        var command = new Command("run",
            "Runs a scenario on an embedded single node, shows progress, checks expectations and invariants, and writes a " +
            "report.\n\nExamples:\n  meshsec run hocon/scenarios/quickstart.conf\n  meshsec run hocon/scenarios/claims.conf --seed 7 " +
            "--out out/claims --journal memory\n  meshsec run --resume out/quickstart" + ExitCodes.Help)
        {
            file, seed, speed, outDir, journal, logLevel, resume, contracts, failuresOnly, json, cluster, placement, minNodes, clusterHost,
            joinTimeout, restarts,
            logFormat, events, units, checkpointEvery, stallTimeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            RunSettings settings;
            try
            {
                var execution = RunSettings.ParseContracts(parse.GetValue(contracts));
                settings = RunSettings.From(parse.GetValue(file), parse.GetValue(seed), parse.GetValue(speed), parse.GetValue(outDir),
                    parse.GetValue(journal), parse.GetValue(logLevel)!, parse.GetValue(resume))
                    with { FailuresOnly = parse.GetValue(failuresOnly), Json = parse.GetValue(json), Contracts = execution,
                        LogFormat = LogFormats.Parse(parse.GetValue(logFormat)),
                        Events = RunSettings.ParseEvents(parse.GetValue(events)),
                        CheckpointEvery = RunSettings.ParseCheckpointEvery(parse.GetValue(checkpointEvery)),
                        StallTimeout = RunSettings.ParseStallTimeout(parse.GetValue(stallTimeout)),
                        DisplayUnits = RunSettings.ParseUnits(parse.GetValue(units)) };
                settings = ClusterOptions.Apply(settings, parse.GetValue(cluster), parse.GetValue(placement), parse.GetValue(minNodes),
                    parse.GetValue(clusterHost), parse.GetValue(journal) is not null, parse.GetValue(joinTimeout),
                    parse.GetValue(restarts));
            }
            catch (ScenarioException ex)
            {
                return Refuse(parse.GetValue(json), null, ex.Errors);
            }
            catch (Exception ex) when (ex is FormatException or IOException or ArgumentException or JsonException)
            {
                return Refuse(parse.GetValue(json), $"meshsec run: {ex.Message}");
            }
            return await Run(settings, ct);
        });
        return command;
    }

    internal static async Task<int> Run(RunSettings s, CancellationToken ct)
    {
        RunFolder folder;
        try
        {
            folder = RunFolder.Open(s.OutDir, s.Journal.SqlitePath);
        }
        catch (IOException ex)
        {
            return Refuse(s.Json, $"meshsec run: {ex.Message}");
        }
        using var held = folder;
        // checked before any actor starts: an unreachable journal would otherwise surface as persistence failures mid-run
        if (await NodeHost.ProbeJournalAsync(s.Journal, ct) is { } problem)
        {
            return Refuse(s.Json, $"meshsec run: journal {s.Journal}: {problem}");
        }
        try
        {
            if (!s.Resumed) await JournalGuard.StartNewAsync(s.Journal, s.Stamp, ct);
            else await JournalGuard.CheckResumeAsync(s.Journal, s.Stamp, ct);
        }
        catch (JournalRefusedException ex)
        {
            // the folder's copy of the scenario starts the same run again
            var again = ex.NothingToResume
                ? $"; start it again with: meshsec run {Path.Combine(s.OutDir, "scenario.conf")} --out " +
                  $"{s.OutDir}{(s.Seed is { } seed ? " --seed " + seed : "")}"
                : "";
            return Refuse(s.Json, $"meshsec run: {ex.Message}{again}");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            return Refuse(s.Json, $"meshsec run: journal {s.Journal} could not be prepared: {ex.Message.ReplaceLineEndings(" ")}");
        }
        try
        {
            s.Save();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Refuse(s.Json, $"meshsec run: {s.OutDir}: run.json and the scenario's copy could not be written: " +
                $"{ex.Message.ReplaceLineEndings(" ")}");
        }
        var logFile = Path.Combine(s.OutDir, "meshsec.log");
        using var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            // traces go to the file only
            .WriteTo.Logger(console => console
                .Filter.ByExcluding(e => s.ConsoleLevel > LogEventLevel.Information && AkkaTransportNoise.Is(e))
                .WriteTo.Console(s.LogFormat, s.ConsoleLevel, "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}"))
            .WriteTo.File(s.LogFormat, logFile, LogEventLevel.Information,
                "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        using var loggers = new SerilogLoggerFactory(logger);
        var machine = Bench.BenchMachine.Describe();
        var runLog = logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "MeshSecurity.Cli.Run");
        // the run's header: enough to reproduce it from the log alone
        runLog.Information("meshsec {Version} (commit {Commit}) {Arguments}", machine["meshsec"], machine["git_commit"] ?? "unknown",
            MaskPasswords(string.Join(' ', Environment.GetCommandLineArgs().Skip(1))));
        runLog.Information("scenario {Scenario} from {File}, seed {Seed}, speed {Speed}, journal {Journal}, out {Out}, " +
            "resumed {Resumed}, contracts {Contracts}",
            s.Scenario.Name, s.ScenarioPath, s.Seed ?? s.Scenario.Seed,
            s.SpeedMax ? "max" : s.Speed?.ToString(CultureInfo.InvariantCulture) ?? "scenario's",
            s.Journal.ToString(), s.OutDir, s.Resumed, s.Contracts.ToString().ToLowerInvariant());
        runLog.Information("machine: {Cores} cores, {Os}, {Dotnet}, Akka {Akka}",
            machine["processor_count"], machine["os"], machine["dotnet"], machine["akka"]);
        try
        {
            var code = await Execute(s, loggers, ct);
            runLog.Information("exit code {ExitCode}", code);
            return code;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.Error(ex, "the run's files could not be written");
            return Refuse(s.Json, $"meshsec run: {s.OutDir}: {ex.Message.ReplaceLineEndings(" ")}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // the trace goes to the run's log; Program prints one line pointing at it
            logger.Fatal(ex, "the run failed unexpectedly");
            ex.Data[CrashLog.LogKey] = logFile;
            throw;
        }
    }

    private static async Task<int> Execute(RunSettings s, SerilogLoggerFactory loggers, CancellationToken ct)
    {
        var options = new RunOptions(s.Journal, s.OutDir, s.Seed, s.Speed, s.SpeedMax, Contracts: s.Contracts, Resumed: s.Resumed,
            Cluster: s.Cluster, Events: s.Events) { CheckpointEvery = s.CheckpointEvery, StallTimeout = s.StallTimeout };
        var console = new ConsoleView(s.Scenario);
        ScenarioRunner? runner = null;
        RunReport? report;
        try
        {
            // with --json, stdout holds the summary alone: no progress
            Task<RunReport?> Start(IProgress<RunProgress>? progress)
            {
                runner = new ScenarioRunner(s.Scenario, options, loggers, progress);
                return runner.RunAsync(ct);
            }
            report = s.Json ? await WithStdoutOnStderr(() => Start(null)) : await console.Run(Start);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("meshsec run: interrupted while setting up; the journal keeps what was made: " +
                                    $"meshsec run --resume {s.OutDir}");
            return ExitCodes.Interrupted;
        }
        catch (ScenarioException ex)
        {
            // what the runner finds wrong with the scenario before it starts any chain
            return Refuse(s.Json, null, ex.Errors);
        }
        catch (MeshSecurity.Emulator.Network.JournalFailureException ex)
        {
            return Refuse(s.Json, $"meshsec run: journal {s.Journal}: {ex.Message}");
        }
        catch (MeshSecurity.Emulator.Cluster.ClusterUnavailableException ex)
        {
            return Refuse(s.Json, $"meshsec run: --cluster {string.Join(",", s.Cluster!.Seeds)}: {ex.Message}");
        }
        catch (MeshSecurity.Emulator.Cluster.ClusterMemberLostException ex)
        {
            return Refuse(s.Json, $"meshsec run: {ex.Message}");
        }
        catch (MeshSecurity.Emulator.Cluster.ClusterDriverDownedException ex)
        {
            // the run's surroundings failed it, as a lost member does: not a bug
            return Refuse(s.Json, $"meshsec run: {ex.Message}");
        }
        catch (MeshSecurity.Emulator.Network.LinkSetupException ex)
        {
            // a valid scenario whose link cannot come up: its packets expire before they arrive
            return Refuse(s.Json, $"meshsec run: a link could not be set up: {ex.Message}; " +
                "its packets likely time out before they arrive: " +
                "give the link a longer packet-lifetime, or lower its relayer latency or the block times (docs/scenarios.md, Limits)");
        }
        if (runner!.ResumedAt is { } resumedAt)
            Console.Error.WriteLine($"meshsec run: resumed from its checkpoint at {resumedAt} of emulated time");
        else if (runner.ReplayReason is { } why) Console.Error.WriteLine($"meshsec run: resumed by replaying from genesis: {why}");
        if (report is null)
        {
            Console.Error.WriteLine("the run stopped before its end");
            return ExitCodes.Failed;
        }
        var emulated = report.Result.SetupRefused is not null ? Duration.Zero
            : report.Result.InterruptedAt is { } stoppedAt ? Duration.Parse(stoppedAt) : s.Scenario.Duration;
        // the rate is the running phase's, as --speed paces it: start-up and set-up are in the total, not in the rate
        var wall = new WallTimings(runner!.WallTime, emulated.TotalSeconds / Math.Max(1e-6, runner.RunningWallTime.TotalSeconds));
        await ReportWriter.WriteAllAsync(s.OutDir, report, runner.Series, wall, s.Resumed);
        if (!s.Json && s.ShowReport) new ReportView(s.Scenario, s.Resumed, s.FailuresOnly, s.DisplayUnits).Print(report, wall, s.OutDir);
        if (runner.Speed is { } speed && runner.BehindSeconds >= 1)
        {
            // the history is the same either way; only the pace was not the one asked for
            var note = $"the network could not keep up with --speed {speed.ToString(CultureInfo.InvariantCulture)}: it ran at " +
                       $"{wall.EmulatedSecondsPerWallSecond.ToString("N0", CultureInfo.InvariantCulture)}x and ended " +
                       $"{runner.BehindSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s behind";
            Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(loggers.CreateLogger("MeshSecurity.Cli.Run"), "{Note}", note);
            if (!s.Json) Console.Error.WriteLine($"note: {note}");
        }
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(loggers.CreateLogger("MeshSecurity.Cli.Run"),
            "result: ok {Ok}, {FailedExpectations} of {Expectations} expectations and " +
            "{FailedInvariants} of {Invariants} invariants failed, interrupted at {InterruptedAt}, {FailedSteps} of {Steps} steps failed",
            report.Result.Ok, report.Result.FailedExpectations, report.Expectations.Length,
            report.Result.FailedInvariants, report.Invariants.Length, report.Result.InterruptedAt ?? "-", report.Result.FailedSteps,
            report.Steps.Length);
        var exitCode = report.Result.InterruptedAt is not null ? ExitCodes.Interrupted : report.Result.Ok ? ExitCodes.Ok : ExitCodes.Failed;
        if (exitCode == ExitCodes.Failed && !s.Json && s.ShowReport && report.Result.SetupRefused is null)
        {
            // the same file and seed fail the same way: how to see it again, and how to make it small
            var seedArg = $" --seed {CliQuote(s.Seed ?? s.Scenario.Seed)}";
            Console.Error.WriteLine($"replay: meshsec run {CliQuote(s.ScenarioPath)}{seedArg}; the smallest scenario that still fails " +
                $"this way: meshsec shrink {CliQuote(s.ScenarioPath)}{seedArg}");
        }
        if (s.Json) Console.WriteLine(RunSummary.Of(report, exitCode, s.OutDir, wall).ToJson());
        if (report.Result.InterruptedAt is { } at)
        {
            Console.Error.WriteLine($"meshsec run: interrupted at {at} of {s.Scenario.Duration}; the report so far is written, " +
                                    "and the run continues with: " +
                                    $"meshsec run --resume {s.OutDir}");
            return ExitCodes.Interrupted;
        }
        return exitCode;
    }

    /// <summary>
    /// Runs with stdout pointed at stderr: Akka may print a line to stdout while its system stops (its loggers are gone by
    /// then), and with --json stdout holds the summary alone.
    /// </summary>
    private static async Task<T> WithStdoutOnStderr<T>(Func<Task<T>> run)
    {
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        try
        {
            return await run();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    /// <summary>A word as a shell reads it back: quoted when it holds anything but plain characters.</summary>
    private static string CliQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':') ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A PostgreSQL connection string on the command line keeps its password out of the log.</summary>
    public static string MaskPasswords(string arguments) =>
        System.Text.RegularExpressions.Regex.Replace(arguments, "((?:ssl)?password\\s*=\\s*)[^;\\s\"']*", "$1***",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>
    /// Bad input: the problem on stderr, as without --json, and with --json also on stdout as one document
    /// (<see cref="RunRefusal"/>), so a script reading stdout gets JSON whatever happened.
    /// </summary>
    private static int Refuse(bool json, string? problem, IReadOnlyList<ScenarioError>? errors = null)
    {
        if (problem is not null) Console.Error.WriteLine(problem);
        foreach (var e in errors ?? []) Console.Error.WriteLine(e.ToString());
        if (json) Console.WriteLine(new RunRefusal(false, ExitCodes.BadInput, problem, errors ?? []).ToJson());
        return ExitCodes.BadInput;
    }
}
