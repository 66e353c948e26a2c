using System.Text.Json;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// `meshsec run --json`: the end of a run as one JSON document on stdout, for scripts: the outcome, the counts, each
/// failure with its location, and where the run's files are. The exit code is the same as without --json.
/// </summary>
public sealed record RunSummary(string Scenario, bool Ok, int ExitCode, string? InterruptedAt, int Expectations, int FailedExpectations,
    int Invariants, int FailedInvariants, int Steps, int FailedSteps, IReadOnlyList<string> Failures, string Report, string Html,
    string Events, double WallSeconds)
{
    public static RunSummary Of(RunReport r, int exitCode, string outDir, WallTimings wall) => new(
        r.Scenario.Name, r.Result.Ok, exitCode, r.Result.InterruptedAt, r.Expectations.Length, r.Result.FailedExpectations,
        r.Invariants.Length, r.Result.FailedInvariants, r.Steps.Length, r.Result.FailedSteps,
        [.. r.Result.SetupRefused is { } refused ? [$"set-up: {refused}"] : Array.Empty<string>(),
         .. r.Invariants.Where(i => !i.Ok).Select(i => $"invariant {i.Name}: {i.Detail}"),
         .. r.Steps.Where(s => !s.Ok)
             .Select(s => $"{s.Location} at {s.At}: step #{s.Index} {s.Action}: expected {s.Expected}, got {s.Outcome}"),
         .. r.Expectations.Where(e => !e.Ok).Select(e => $"{e.Location} at {e.At}: {e.Target}: expected {e.Expected}, got {e.Actual ?? "nothing"}")],
        Path.Combine(outDir, "report.json"), Path.Combine(outDir, "report.html"), Path.Combine(outDir, "events.jsonl"),
        Math.Round(wall.Total.TotalSeconds, 3));

    public string ToJson() => JsonSerializer.Serialize(this, CliJson.Relaxed.RunSummary);
}
