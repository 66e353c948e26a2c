using System.Globalization;
using System.Text;
using MeshSecurity.Scenarios.Reporting.Charts;

namespace MeshSecurity.Cli.Bench;

/// <summary>
/// The growth charts of bench.html, drawn with report.html's chart code (<see cref="SvgChart"/>, <see cref="ChartAxis"/>):
/// one series' median against its size N on a log axis, with min-max whiskers, an optional goal line, and a log value
/// axis when the values span more than two decades.
/// </summary>
internal static class BenchSvg
{
    private const int Width = 520, Height = 340, Left = 78, Right = 28, Top = 26, Bottom = 58;

    /// <param name="points">One figure per size, ordered by N.</param>
    /// <param name="goalY">The goal in the figures' own unit (drawn as a dashed line), or null.</param>
    public static string GrowthChart(string series, IReadOnlyList<BenchResult> points, string xLabel, string color, double? goalY, string goalLabel)
    {
        var unit = points[0].Unit;
        var ns = points.Select(p => (double)p.N!.Value).ToList();
        var values = points.SelectMany(p => new[] { p.Min, p.Median, p.Max }).Where(double.IsFinite).ToList();
        var goal = goalY is { } g && double.IsFinite(g) ? g : (double?)null;

        // a log value axis only when it is needed to see every point, and only for positive values
        var positive = values.Count > 0 && values.All(v => v > 0);
        var logY = positive && values.Max() / values.Min() > 100;
        var shown = goal is { } gv && (!logY || gv > 0) ? [.. values, gv] : values;
        if (shown.Count == 0) shown = [0, 1];

        var chart = new SvgChart(Width, Height, Left, Right, Top, Bottom);
        var x = ChartAxis.LogPadded(ns.Min(), ns.Max(), chart.Left, chart.Right);
        var y = logY ? ChartAxis.LogDecades(shown.Min(), shown.Max(), chart.Bottom, chart.Top)
            : ChartAxis.Linear(Math.Min(0, shown.Min()), shown.Max(), chart.Bottom, chart.Top);

        chart.Open($"class=\"growth\" data-series=\"{SvgChart.E(series)}\"", $"{series}: median {unit} against N")
            .ValueGrid(y, BenchReport.Format)
            // size ticks at each measured N, so every point can be read off the axis
            .XTicks(x, ns.Distinct(), BenchReport.Format)
            .Axes($"{xLabel} (log scale)", unit + (logY ? " (log scale)" : ""));
        // at the left, where the smallest sizes usually sit far from any goal
        if (goal is { } gl && (!logY || gl > 0)) chart.Level("goal", y.Map(gl), "#dc2626", goalLabel);

        // whiskers first, so the line and points are drawn over them
        var svg = new StringBuilder();
        foreach (var p in points.Where(p => double.IsFinite(p.Min) && double.IsFinite(p.Max)))
        {
            var (px, y0, y1) = (x.Map(p.N!.Value), y.Map(p.Min), y.Map(p.Max));
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"whisker\" d=\"M{F(px)} {F(y0)}V{F(y1)}" +
                $"M{F(px - 5)} {F(y0)}H{F(px + 5)}M{F(px - 5)} {F(y1)}H{F(px + 5)}\" " +
                $"stroke=\"{color}\" stroke-opacity=\".55\" fill=\"none\"/>");
        }
        chart.Raw(svg.ToString()).Line("class=\"median\"",
            points.Where(p => double.IsFinite(p.Median)).Select(p => (x.Map(p.N!.Value), y.Map(p.Median))), color);
        svg.Clear();
        foreach (var p in points.Where(p => double.IsFinite(p.Median)))
        {
            var (px, py) = (x.Map(p.N!.Value), y.Map(p.Median));
            var tip = $"N={BenchReport.Format(p.N!.Value)}: median {BenchReport.Format(p.Median)} {p.Unit} " +
                      $"(min {BenchReport.Format(p.Min)}, max {BenchReport.Format(p.Max)}, {p.Samples.Count} repetitions)";
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"pt\" data-n=\"{p.N}\" cx=\"{F(px)}\" cy=\"{F(py)}\" r=\"4\" " +
                $"fill=\"{color}\"><title>{SvgChart.E(tip)}</title></circle>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(px + 7)}\" y=\"{F(py - 7)}\" font-size=\"11\" fill=\"{color}\"" +
                $"{SvgChart.Halo}>{SvgChart.E(BenchReport.Format(p.Median))}</text>");
        }
        return chart.Raw(svg.ToString()).Close();
    }

    private static string F(double v) => SvgChart.F(v);
}
