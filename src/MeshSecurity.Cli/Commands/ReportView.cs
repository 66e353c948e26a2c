using System.Globalization;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;
using Spectre.Console;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// The end of a run on the terminal: the report's tables (durations rounded, amounts grouped with their denom and
/// right-aligned), then a summary that counts what held and repeats each failure beside it. With failures-only, the
/// invariant and expectation tables list only what failed.
/// </summary>
public sealed class ReportView(Scenario scenario, bool resumed, bool failuresOnly, bool displayUnits = false)
{
    /// <summary>Piped output has no terminal width: unless COLUMNS says otherwise, tables get room instead of 80 columns.</summary>
    private const int PipedWidth = 200;

    public void Print(RunReport r, WallTimings wall, string outDir)
    {
        // bound to the console as it is now (it may have been redirected since start-up)
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Width() is { } width) console.Profile.Width = width;
        console.Write(Chains(r));
        console.Write(Stakes(r));
        console.Write(Packets(r));
        if (r.Slashes.Length > 0) console.Write(Slashes(r));
        var invariants = r.Invariants.Where(i => !failuresOnly || !i.Ok).ToList();
        if (invariants.Count > 0) console.Write(Invariants(invariants));
        // a step is listed when it expected an error, acted as a test fixture or came out otherwise than expected: the rest
        // simply succeeded
        var steps = r.Steps.Where(s => !s.Ok || !failuresOnly && (s.Expected != "success" || s.ActsAs is not null)).ToList();
        if (steps.Count > 0) console.Write(Steps(steps));
        var expectations = r.Expectations.Where(e => !failuresOnly || !e.Ok).ToList();
        if (expectations.Count > 0) console.Write(Expectations(expectations));
        Summary(console, r, wall, resumed);
        console.MarkupLine($"report: {Markup.Escape(Path.Combine(outDir, "report.json"))}, " +
            $"{Markup.Escape(Path.Combine(outDir, "report.html"))}, " +
                           $"{Markup.Escape(Path.Combine(outDir, "events.jsonl"))}");
    }

    private static int? Width()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns)
            && columns >= 40)
            return columns;
        return Console.IsOutputRedirected ? PipedWidth : null;
    }

    private string Shown(string exact, string denom) => displayUnits ? Readable.DisplayAmount(exact, denom) : Readable.Amount(exact, denom);

    private string Denom(string chain) => scenario.Chains.FirstOrDefault(c => c.Id == chain)?.Denom ?? "";

    private static Table Chains(RunReport r)
    {
        var t = new Table().Title("chains").AddColumns("chain", "height", "time", "validators: power");
        t.Columns[1].RightAligned();
        foreach (var c in r.Chains)
        {
            var height = c.Height.ToString("N0", CultureInfo.InvariantCulture) +
                (c.Halted is { } halt ? $" [red]halted at {Markup.Escape(Readable.Duration(halt.At))}[/]" : "");
            var validators = string.Join(", ", c.Validators.Select(v => $"{v.Name} {v.Power.ToString("N0", CultureInfo.InvariantCulture)}" +
                                                                         (v.Tombstoned ? " (tombstoned)" : v.Jailed ? " (jailed)" : "")));
            t.AddRow(c.Id, height, Readable.Duration(c.Time), Markup.Escape(validators));
        }
        return t;
    }

    private Table Stakes(RunReport r)
    {
        var t = new Table().Title("stakes (provider tokens; delegation in consumer tokens)").AddColumns("link", "validator", "provider",
            "consumer", "delegation", "equal");
        foreach (var i in new[] { 2, 3, 4 }) t.Columns[i].RightAligned();
        foreach (var l in r.Links)
        {
            var (provider, consumer) = (Denom(l.Provider), Denom(l.Consumer));
            foreach (var s in l.Stakes)
                t.AddRow($"{l.Provider} → {l.Consumer}", s.Validator, Shown(s.ProviderStake, provider), Shown(s.ConsumerStake, provider),
                    Shown(s.Delegation, consumer), s.Equal ? "[green]yes[/]" : "[red]no[/]");
        }
        return t;
    }

    private static Table Packets(RunReport r)
    {
        var t = new Table().Title("packets").AddColumns("link", "channel", "sent", "acked", "error-acked", "timed out");
        foreach (var i in new[] { 2, 3, 4, 5 }) t.Columns[i].RightAligned();
        foreach (var l in r.Links)
            foreach (var (channel, p) in new[] { ("mesh", l.MeshPackets), ("ics20", l.TransferPackets) })
                t.AddRow($"{l.Provider} → {l.Consumer}", channel, N(p.Sent), N(p.Acknowledged), N(p.ErrorAcknowledged), N(p.TimedOut));
        return t;
    }

    private static Table Slashes(RunReport r)
    {
        var t = new Table().Title("slashes").AddColumns("chain", "height", "at", "validator", "source", "reached", "emulated latency");
        foreach (var s in r.Slashes)
        {
            var reached = s.Reached.Length == 0 ? "-"
                : string.Join(", ", s.Reached.Select(x => x.Latency.Length > 0
                    ? $"{x.Consumer} in {Readable.Duration(x.Latency)}"
                    : $"{x.Consumer} never"));
            t.AddRow(s.Chain, N((long)s.Height), Readable.Duration(s.Time), s.Validator, s.Source, Markup.Escape(reached),
                s.EmulatedLatency is { } l ? Readable.Duration(l) : "-");
        }
        return t;
    }

    private Table Invariants(IEnumerable<RunReport.CheckInfo> invariants)
    {
        var t = new Table().Title("invariants").AddColumns("invariant", "", "detail");
        foreach (var i in invariants)
        {
            var notApplicable = NotApplicable(i, resumed);
            t.AddRow(Markup.Escape(i.Name), notApplicable ? "[grey]n/a[/]" : i.Ok ? "[green]ok[/]" : "[red]FAILED[/]",
                Markup.Escape(notApplicable ? "not a resumed run" : i.Detail));
        }
        return t;
    }

    private static Table Expectations(IEnumerable<RunReport.ExpectationInfo> expectations)
    {
        var t = new Table().Title("expectations").AddColumns("at", "what", "expected", "actual", "", "where");
        t.Columns[2].RightAligned();
        t.Columns[3].RightAligned();
        foreach (var e in expectations)
            t.AddRow(Readable.Duration(e.At), Markup.Escape(e.Target), Markup.Escape(e.Expected), Markup.Escape(e.Actual ?? ""),
                e.Ok ? "[green]ok[/]" : "[red]FAILED[/]", Markup.Escape(e.Location));
        return t;
    }

    private static Table Steps(IEnumerable<RunReport.StepInfo> steps)
    {
        var t = new Table().Title("step outcomes").AddColumns("at", "step", "expected", "outcome", "", "where");
        foreach (var s in steps)
            t.AddRow(Readable.Duration(s.At), Markup.Escape($"#{s.Index} {s.Action}{(s.ActsAs is { } f ? $" as fixture {f}" : "")}"),
                Markup.Escape(s.Expected), Markup.Escape(s.Outcome),
                s.Ok ? "[green]ok[/]" : "[red]FAILED[/]", Markup.Escape(s.Location));
        return t;
    }

    private static void Summary(IAnsiConsole console, RunReport r, WallTimings wall, bool resumed)
    {
        // a refused set-up never started the scenario's clock
        var emulated = r.Result.SetupRefused is not null ? "0s" : r.Result.InterruptedAt ?? r.Scenario.Duration;
        var timing = $"{Readable.Duration(emulated)} emulated in " +
                     $"{wall.Total.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s " +
                     $"({wall.EmulatedSecondsPerWallSecond.ToString("N0", CultureInfo.InvariantCulture)}x real time once set up)";
        var outcome = r.Result.InterruptedAt is { } at ? $"[yellow]interrupted[/] at {Readable.Duration(at)}"
            : r.Result.Ok ? "[green]passed[/]" : "[red]failed[/]";
        console.MarkupLine($"{outcome}: {Counts(r, resumed)}; {timing}");
        if (r.Result.SetupRefused is { } refused)
            console.MarkupLine($"  [red]✗[/] set-up: {Markup.Escape(refused)}; no step ran and no expectation was read");
        foreach (var i in r.Invariants.Where(i => !i.Ok))
            console.MarkupLine($"  [red]✗[/] invariant {Markup.Escape(i.Name)}: {Markup.Escape(i.Detail)}");
        foreach (var s in r.Steps.Where(s => !s.Ok))
            console.MarkupLine($"  [red]✗[/] {Markup.Escape(s.Location)} at {Readable.Duration(s.At)}: step #{s.Index} {s.Action}: " +
                               $"expected {Markup.Escape(s.Expected)}, got {Markup.Escape(s.Outcome)}");
        foreach (var e in r.Expectations.Where(e => !e.Ok))
            console.MarkupLine($"  [red]✗[/] {Markup.Escape(e.Location)} at {Readable.Duration(e.At)}: {Markup.Escape(e.Target)}: " +
                               $"expected {Markup.Escape(e.Expected)}, got {Markup.Escape(e.Actual ?? "nothing")}");
    }

    /// <summary>
    /// "16 of 17 expectations met, 1 failed; 14 of 14 invariants hold (1 did not apply); 3 of 3 steps came out as
    /// expected": what held first, so a count of failures is never read as a count of passes.
    /// </summary>
    private static string Counts(RunReport r, bool resumed)
    {
        var (expectations, failedExpectations) = (r.Expectations.Length, r.Result.FailedExpectations);
        var notApplicable = r.Invariants.Count(i => NotApplicable(i, resumed));
        var (invariants, failedInvariants) = (r.Invariants.Length - notApplicable, r.Result.FailedInvariants);
        var (steps, failedSteps) = (r.Steps.Length, r.Result.FailedSteps);
        var read = r.Result.InterruptedAt is null ? "" : " read so far";
        return $"{expectations - failedExpectations} of {expectations} expectations{read} met" +
               (failedExpectations > 0 ? $", {failedExpectations} failed" : "") +
               $"; {invariants - failedInvariants} of {invariants} invariants hold" +
               (notApplicable > 0 ? $" ({notApplicable} did not apply)" : "") +
               (failedInvariants > 0 ? $", {failedInvariants} failed" : "") +
               $"; {steps - failedSteps} of {steps} steps came out as expected" +
               (failedSteps > 0 ? $", {failedSteps} otherwise" : "");
    }

    private static bool NotApplicable(RunReport.CheckInfo i, bool resumed) => ReportSummary.NotApplicable(i, resumed);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
