namespace MeshSecurity.Scenarios.Reporting.Charts;

/// <summary>
/// The unit an emulated-time axis counts in, chosen by the span it covers (s up to 3 minutes, min up to 3 hours, h up
/// to 3 days, d beyond), so its tick labels are short numbers and the axis title names the unit.
/// </summary>
public sealed record TimeScale(string Unit, double Seconds)
{
    public static TimeScale For(double spanSeconds) => spanSeconds switch
    {
        <= 180 => new("s", 1),
        <= 3 * 3600 => new("min", 60),
        <= 3 * 86_400 => new("h", 3600),
        _ => new("d", 86_400),
    };

    /// <summary>
    /// A linear axis from 0 to <paramref name="spanSeconds"/> exactly, in this unit: the plot ends where the run ended, with
    /// the ticks that fall inside it.
    /// </summary>
    public ChartAxis Axis(double spanSeconds, double px0, double px1)
    {
        var end = Math.Max(spanSeconds / Seconds, 1e-9);
        var axis = ChartAxis.Linear(0, end, px0, px1, 8);
        return axis with { Hi = end, Ticks = [.. axis.Ticks.Where(t => t <= end * (1 + 1e-9))] };
    }

    public double Of(double seconds) => seconds / Seconds;
}
