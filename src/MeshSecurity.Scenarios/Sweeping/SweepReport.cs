using System.Collections.Immutable;

namespace MeshSecurity.Scenarios.Sweeping;

/// <summary>
/// sweep.json: every configuration (one value per param) with its runs (one per seed) and, per figure
/// (<see cref="RunMetrics"/>), the median over the seeds with its confidence interval (<see cref="SweepStats"/>).
/// Emulated figures only, in a fixed order, so the same scenario, params and seeds give a byte-identical file.
/// Numbers are decimal strings. The schema is documented in docs/report.md.
/// </summary>
public sealed record SweepReport(
    string Schema,
    SweepReport.ScenarioInfo Scenario,
    ImmutableArray<SweepReport.ParamInfo> Params,
    ImmutableArray<string> Seeds,
    ImmutableArray<SweepReport.Configuration> Configurations,
    SweepReport.Outcome Result)
{
    public const string SchemaVersion = "meshsec-sweep/1";

    public sealed record ScenarioInfo(string Name, string File);

    public sealed record ParamInfo(string Path, ImmutableArray<string> Values);

    public sealed record Setting(string Path, string Value);

    /// <summary>"links[0].cap=10%, links[1].over-cap=fail", or "as written" for a sweep without params.</summary>
    public static string Label(IReadOnlyList<Setting> values) =>
        values.Count == 0 ? "as written" : string.Join(", ", values.Select(v => $"{v.Path}={v.Value}"));

    /// <summary><paramref name="Ok"/>: every run of the configuration passed (expectations, invariants, steps).</summary>
    public sealed record Configuration(int Index, ImmutableArray<Setting> Values, bool Ok, ImmutableArray<Run> Runs,
        ImmutableArray<Figure> Figures);

    public sealed record Run(string Seed, bool Ok, int FailedExpectations, int FailedInvariants, int FailedSteps,
        ImmutableArray<Reading> Readings);

    public sealed record Reading(string Name, string Value);

    /// <summary>
    /// One figure over the runs that have it (<paramref name="N"/>): its median, the interval [<paramref name="CiLow"/>,
    /// <paramref name="CiHigh"/>] covering the median with probability <paramref name="CiLevel"/>, and its extremes.
    /// </summary>
    public sealed record Figure(string Name, int N, string Median, string CiLow, string CiHigh, string CiLevel, string Min, string Max);

    public sealed record Outcome(bool Ok, int Configurations, int FailedConfigurations, int Runs, int FailedRuns);
}
