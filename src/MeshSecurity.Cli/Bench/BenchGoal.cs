namespace MeshSecurity.Cli.Bench;

/// <summary>
/// A target one bench figure is held to: the median of <paramref name="Series"/> at size <paramref name="N"/> (the
/// largest size measured when null), times <paramref name="Factor"/>, is at least (or below) <paramref name="Target"/>
/// in <paramref name="Unit"/>. The factor turns a per-item figure into a total, e.g. KiB per chain into GiB for 10,000
/// chains; <paramref name="SourceUnit"/> (default: <paramref name="Unit"/>) is the unit the figure must be in for that
/// to hold, so a renamed unit is reported instead of silently compared.
/// </summary>
public sealed record BenchGoal(
    string Group,
    string Series,
    int? N,
    string What,
    bool AtLeast,
    double Target,
    string Unit,
    string? SourceUnit = null,
    double Factor = 1,
    string FactorText = "",
    bool OnlyWhenPresent = false)
{
    /// <summary>Names the goal in the page (series, and size when it has one).</summary>
    public string Key => N is { } n ? $"{Series}@{n}" : Series;

    public string TargetText => $"{(AtLeast ? "≥" : "<")} {BenchReport.Format(Target)} {Unit}";

    public BenchGoalCheck Check(BenchReport report)
    {
        var measured = report.Results.Where(r => (r.Series ?? r.Id) == Series && r.Samples.Count > 0 && double.IsFinite(r.Median)).ToList();
        // without a size, the largest one measured is the one the goal is about (e.g. the biggest ring)
        var result = N is { } n ? measured.FirstOrDefault(r => r.N == n) : measured.OrderByDescending(r => r.N ?? 0).FirstOrDefault();
        if (result is null)
            return new BenchGoalCheck(this, null, null, measured.Count > 0 ? "not measured at this size" : "not measured in this run");
        // a quick run measures small batches with two repetitions: a goal without a size of its own is not judged on it
        // (one with a size is not measured at that size in a quick run)
        if (report.Quick && N is null) return new BenchGoalCheck(this, null, null, "a quick run: judged on a full run");
        if (result.Unit != (SourceUnit ?? Unit))
            return new BenchGoalCheck(this, result, null, $"measured in {result.Unit}, not {SourceUnit ?? Unit}");
        return new BenchGoalCheck(this, result, result.Median * Factor, null);
    }
}
