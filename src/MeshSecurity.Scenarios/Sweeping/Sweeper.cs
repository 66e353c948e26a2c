using System.Collections.Immutable;
using System.Globalization;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Sweeping;

/// <summary>
/// `meshsec sweep`: runs every configuration of a <see cref="SweepPlan"/> under each of its seeds, at most
/// <c>parallel</c> runs at a time, and gathers one <see cref="SweepReport"/>. Each run is deterministic, and results go
/// to their configuration and seed whatever order the runs finish in, so the report does not depend on the parallelism.
/// </summary>
public sealed class Sweeper(Func<Scenario, string, CancellationToken, Task<RunReport?>> run, Action<string>? progress = null)
{
    /// <summary>The report; null when a run was stopped before its end (the sweep was interrupted).</summary>
    public async Task<SweepReport?> RunAsync(SweepPlan plan, int parallel, CancellationToken ct = default)
    {
        var jobs = plan.Configurations.SelectMany(c => plan.Seeds.Select(seed => (Config: c, Seed: seed))).ToList();
        var reports = new RunReport?[jobs.Count];
        using var slots = new SemaphoreSlim(Math.Max(1, parallel));
        var done = 0;
        await Task.WhenAll(jobs.Select(async (job, i) =>
        {
            await slots.WaitAsync(ct);
            try
            {
                reports[i] = await run(job.Config.Scenario, job.Seed, ct);
                var r = reports[i];
                var verdict = r is null ? "stopped" : r.Result.Ok ? "ok" : "FAILED";
                progress?.Invoke($"run {Interlocked.Increment(ref done)} of {jobs.Count}: #{job.Config.Index} ({job.Config.Label}), " +
                    $"seed {job.Seed}: {verdict}");
            }
            finally
            {
                slots.Release();
            }
        }));
        if (reports.Any(r => r is null)) return null;

        var configurations = plan.Configurations.Select(c =>
        {
            var runs = plan.Seeds.Select((seed, s) => Run(seed, reports[c.Index * plan.Seeds.Length + s]!)).ToList();
            return new SweepReport.Configuration(c.Index, c.Values, runs.All(r => r.Run.Ok), [.. runs.Select(r => r.Run)],
                Figures(runs.Select(r => r.Metrics).ToList()));
        }).ToList();
        var failedRuns = configurations.Sum(c => c.Runs.Count(r => !r.Ok));
        return new SweepReport(SweepReport.SchemaVersion, new SweepReport.ScenarioInfo(plan.Name, plan.File),
            [.. plan.Params.Select(p => new SweepReport.ParamInfo(p.Path, p.Values))], plan.Seeds, [.. configurations],
            new SweepReport.Outcome(failedRuns == 0, configurations.Count, configurations.Count(c => !c.Ok), jobs.Count, failedRuns));
    }

    private static (SweepReport.Run Run, IReadOnlyList<(string Name, decimal Value)> Metrics) Run(string seed, RunReport r)
    {
        var metrics = RunMetrics.Of(r);
        return (new SweepReport.Run(seed, r.Result.Ok, r.Result.FailedExpectations, r.Result.FailedInvariants, r.Result.FailedSteps,
            [.. metrics.Select(m => new SweepReport.Reading(m.Name, Text(m.Value)))]), metrics);
    }

    /// <summary>Each figure some run has, in the order the runs first give them, over the runs that have it.</summary>
    private static ImmutableArray<SweepReport.Figure> Figures(IReadOnlyList<IReadOnlyList<(string Name, decimal Value)>> runs)
    {
        var names = runs.SelectMany(r => r.Select(m => m.Name)).Distinct(StringComparer.Ordinal).ToList();
        return [.. names.Select(name =>
        {
            var s = SweepStats.Of([.. runs.SelectMany(r => r.Where(m => m.Name == name).Select(m => m.Value))]);
            return new SweepReport.Figure(name, s.N, Text(s.Median), Text(s.CiLow), Text(s.CiHigh), Text(s.CiLevel), Text(s.Min),
                Text(s.Max));
        })];
    }

    /// <summary>A decimal without trailing zeros, the same text for the same value whatever its scale.</summary>
    public static string Text(decimal v) => v.ToString("0.############################", CultureInfo.InvariantCulture);
}
