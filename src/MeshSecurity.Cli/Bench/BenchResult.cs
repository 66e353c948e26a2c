namespace MeshSecurity.Cli.Bench;

/// <summary>
/// One figure of <c>meshsec bench</c>: its samples (one per repetition) in <paramref name="Unit"/>. Figures measured at
/// several sizes share a <paramref name="Series"/> and carry their size <paramref name="N"/>, so the report can plot how
/// they grow.
/// </summary>
public sealed record BenchResult(
    string Id,
    string Group,
    string Title,
    string Unit,
    IReadOnlyList<double> Samples,
    string Note = "",
    string? Series = null,
    int? N = null)
{
    public double Median
    {
        get
        {
            var s = Samples.Order().ToArray();
            return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }

    public double Min => Samples.Count == 0 ? double.NaN : Samples.Min();

    public double Max => Samples.Count == 0 ? double.NaN : Samples.Max();

    /// <summary>(max - min) / median: how far the repetitions spread; NaN with fewer than two.</summary>
    public double Spread => Samples.Count < 2 || Median == 0 ? double.NaN : (Max - Min) / Math.Abs(Median);

    /// <summary>Repetitions that spread by more than half the median: read the figure as an order of magnitude.</summary>
    public bool Noisy => Spread > NoisySpread;

    public const double NoisySpread = 0.5;

    /// <summary>One line for the progress stream: the figure as soon as it is measured.</summary>
    public string ProgressLine =>
        $"bench: {Group}. {Title}: {BenchReport.Format(Median)} {Unit} ({Samples.Count} reps" +
        (Noisy ? $", noisy: they spread {Spread * 100:0}% of the median)" : ")");
}
