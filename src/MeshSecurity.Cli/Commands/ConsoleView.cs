using System.Globalization;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using Spectre.Console;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// What a person sees while a run goes: a progress bar (emulated time, blocks, packets in flight, ETA) on a terminal,
/// plain progress lines otherwise. <see cref="ReportView"/> prints the end.
/// </summary>
public sealed class ConsoleView(Scenario scenario)
{
    private static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public async Task<RunReport?> Run(Func<IProgress<RunProgress>, Task<RunReport?>> run)
    {
        if (!Interactive)
        {
            var (last, lastPhase) = (DateTime.MinValue, "");
            // on the caller's thread, so lines come out in the order the run reported them
            var plain = new SyncProgress(p =>
            {
                var changed = p.Phase != lastPhase;
                lastPhase = p.Phase;
                if (!changed && DateTime.UtcNow - last < TimeSpan.FromSeconds(2)) return;
                last = DateTime.UtcNow;
                Console.WriteLine(Line(p));
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
                    // no bar and no ETA while setting up: set-up time says nothing about the run's
                    task.IsIndeterminate = p.Phase == "setup";
                    task.Value = p.Elapsed.TotalSeconds;
                    task.Description = Markup.Escape(p.Phase == "setup"
                        ? $"{scenario.Name} setting up {p.Activity} · {Readable.Duration(p.SetupElapsed.ToString())} emulated"
                        : $"{scenario.Name} {Readable.Duration(p.Elapsed.ToString())}/{Readable.Duration(p.Total.ToString())} · " +
                          $"{p.Blocks:N0} blocks · {p.PacketsInFlight} in flight · steps {p.StepsDone}/{p.StepsTotal}{Pace(p)}");
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

    /// <summary>One plain progress line, for piped output.</summary>
    public static string Line(RunProgress p) => p.Phase == "setup"
        ? $"[setup] {p.Activity} ({Readable.Duration(p.SetupElapsed.ToString())} emulated so far)"
        : $"[{p.Phase}] {Readable.Duration(p.Elapsed.ToString())} / {Readable.Duration(p.Total.ToString())} emulated, {p.Blocks} blocks, " +
          $"{p.PacketsInFlight} packets in flight, steps {p.StepsDone}/{p.StepsTotal}{Pace(p)}";

    /// <summary>The rate achieved, the lag behind the requested speed when there is one, and whom the run waits for.</summary>
    private static string Pace(RunProgress p)
    {
        var text = p.Rate > 0 ? $" · {p.Rate.ToString("N0", CultureInfo.InvariantCulture)}x real time" : "";
        if (p.BehindSeconds >= 1)
            text += $" · {p.BehindSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s behind the requested speed";
        if (p.Waiting.Length > 0) text += $" · waiting for {p.Waiting}";
        return text;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and race the bar's refresh).</summary>
    private sealed class SyncProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
