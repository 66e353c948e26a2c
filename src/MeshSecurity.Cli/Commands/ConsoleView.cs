using System.Globalization;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using Spectre.Console;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// What a person sees: a progress bar (emulated time, blocks, packets in flight, ETA) on a terminal, plain progress
/// lines otherwise, and the report's tables at the end.
/// </summary>
public sealed class ConsoleView(Scenario scenario)
{
    private static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public async Task<RunReport?> Run(Func<IProgress<RunProgress>, Task<RunReport?>> run)
    {
        if (!Interactive)
        {
            var last = DateTime.MinValue;
            var plain = new Progress<RunProgress>(p =>
            {
                if (DateTime.UtcNow - last < TimeSpan.FromSeconds(2) && p.Phase == "running") return;
                last = DateTime.UtcNow;
                Console.WriteLine($"[{p.Phase}] {p.Elapsed} / {p.Total} emulated, {p.Blocks} blocks, {p.PacketsInFlight} packets in flight, steps {p.StepsDone}/{p.StepsTotal}");
            });
            return await run(plain);
        }
        RunReport? report = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"{scenario.Name}: setting up", maxValue: Math.Max(1, scenario.Duration.TotalSeconds));
                var lastRefresh = DateTime.MinValue;
                var bar = new SyncProgress(p =>
                {
                    task.Value = p.Elapsed.TotalSeconds;
                    task.Description = $"{scenario.Name} {p.Elapsed}/{p.Total} · {p.Blocks} blocks · {p.PacketsInFlight} in flight";
                    // the actors keep the thread pool busy at max speed, so the bar's own timer may not get a turn: refresh here
                    if (DateTime.UtcNow - lastRefresh < TimeSpan.FromMilliseconds(100)) return;
                    lastRefresh = DateTime.UtcNow;
                    ctx.Refresh();
                });
                report = await run(bar);
                task.Value = task.MaxValue;
            });
        return report;
    }

    public void PrintReport(RunReport r, WallTimings wall, string outDir)
    {
        // bound to the console as it is now (it may have been redirected since start-up)
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var chains = new Table().Title("chains").AddColumns("chain", "height", "time", "validators: power");
        foreach (var c in r.Chains)
        {
            var height = c.Height.ToString(CultureInfo.InvariantCulture) + (c.Halted is { } halt ? $" [red]halted at {Markup.Escape(halt.At)}[/]" : "");
            chains.AddRow(c.Id, height, c.Time,
                Markup.Escape(string.Join(", ", c.Validators.Select(v => $"{v.Name} {v.Power}{(v.Tombstoned ? " (tombstoned)" : v.Jailed ? " (jailed)" : "")}"))));
        }
        console.Write(chains);

        var stakes = new Table().Title("stakes (provider tokens; delegation in consumer tokens)").AddColumns("link", "validator", "provider", "consumer", "delegation", "equal");
        foreach (var l in r.Links)
            foreach (var s in l.Stakes)
                stakes.AddRow($"{l.Provider} → {l.Consumer}", s.Validator, s.ProviderStake, s.ConsumerStake, s.Delegation, s.Equal ? "[green]yes[/]" : "[red]no[/]");
        console.Write(stakes);

        var packets = new Table().Title("packets").AddColumns("link", "channel", "sent", "acked", "error-acked", "timed out");
        foreach (var l in r.Links)
        {
            packets.AddRow($"{l.Provider} → {l.Consumer}", "mesh", $"{l.MeshPackets.Sent}", $"{l.MeshPackets.Acknowledged}", $"{l.MeshPackets.ErrorAcknowledged}", $"{l.MeshPackets.TimedOut}");
            packets.AddRow($"{l.Provider} → {l.Consumer}", "ics20", $"{l.TransferPackets.Sent}", $"{l.TransferPackets.Acknowledged}", $"{l.TransferPackets.ErrorAcknowledged}", $"{l.TransferPackets.TimedOut}");
        }
        console.Write(packets);

        if (r.Slashes.Length > 0)
        {
            var slashes = new Table().Title("slashes").AddColumns("chain", "height", "at", "validator", "source", "reached", "emulated latency");
            foreach (var s in r.Slashes)
                slashes.AddRow(s.Chain, $"{s.Height}", s.Time, s.Validator, s.Source,
                    Markup.Escape(s.Reached.Length == 0 ? "-" : string.Join(", ", s.Reached.Select(x => x.Latency.Length > 0 ? $"{x.Consumer} in {x.Latency}" : $"{x.Consumer} never"))), s.EmulatedLatency ?? "-");
            console.Write(slashes);
        }

        var invariants = new Table().Title("invariants").AddColumns("invariant", "", "detail");
        foreach (var i in r.Invariants) invariants.AddRow(Markup.Escape(i.Name), i.Ok ? "[green]ok[/]" : "[red]FAILED[/]", Markup.Escape(i.Detail));
        console.Write(invariants);

        if (r.Expectations.Length > 0)
        {
            var expectations = new Table().Title("expectations").AddColumns("at", "what", "expected", "actual", "", "where");
            foreach (var e in r.Expectations)
                expectations.AddRow(e.At, Markup.Escape(e.Target), e.Expected, Markup.Escape(e.Actual ?? ""), e.Ok ? "[green]ok[/]" : "[red]FAILED[/]", Markup.Escape(e.Location));
            console.Write(expectations);
        }

        console.MarkupLine(
            $"{(r.Result.Ok ? "[green]passed[/]" : "[red]failed[/]")}: {r.Expectations.Length - r.Result.FailedExpectations}/{r.Expectations.Length} expectations, " +
            $"{r.Invariants.Length - r.Result.FailedInvariants}/{r.Invariants.Length} invariants; {r.Scenario.Duration} emulated in {wall.Total.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s " +
            $"({wall.EmulatedSecondsPerWallSecond.ToString("0", CultureInfo.InvariantCulture)}x real time)");
        console.MarkupLine($"report: {Markup.Escape(Path.Combine(outDir, "report.json"))}, {Markup.Escape(Path.Combine(outDir, "report.html"))}, {Markup.Escape(Path.Combine(outDir, "events.jsonl"))}");
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and race the bar's refresh).</summary>
    private sealed class SyncProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
