using System.Globalization;
using System.Net;
using System.Text;

namespace MeshSecurity.Cli.Bench;

/// <summary>
/// The growth charts of bench.html as inline SVG (no scripts): one series' median against its size N on a log axis,
/// with min-max whiskers, an optional goal line, and a log value axis when the values span more than two decades.
/// </summary>
internal static class BenchSvg
{
    public static readonly string[] Palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];

    // a background-coloured outline keeps labels readable where they cross a line or whisker
    private const string Halo = " stroke=\"#fafafa\" stroke-width=\"3\" paint-order=\"stroke\"";

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

        var x = LogAxis(ns.Min(), ns.Max(), Left, Width - Right);
        var y = logY ? LogValueAxis(shown.Min(), shown.Max()) : LinearAxis(Math.Min(0, shown.Min()), shown.Max());
        double X(double n) => x.Map(n);
        double Y(double v) => y.Map(v);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"growth\" data-series=\"{E(series)}\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{E(series)}: median {E(unit)} against N</title>");

        // value grid and tick labels
        foreach (var t in y.Ticks)
        {
            var ty = Y(t);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{F(ty)}\" x2=\"{Width - Right}\" y2=\"{F(ty)}\" stroke=\"#e5e7eb\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(ty + 4)}\" font-size=\"11\" text-anchor=\"end\">{E(BenchReport.Format(t))}</text>");
        }
        // size ticks at each measured N, so every point can be read off the axis
        foreach (var n in ns.Distinct())
        {
            var tx = X(n);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(tx)}\" y1=\"{Top}\" x2=\"{F(tx)}\" y2=\"{Height - Bottom}\" stroke=\"#f0f0f0\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(tx)}\" y1=\"{Height - Bottom}\" x2=\"{F(tx)}\" y2=\"{Height - Bottom + 5}\" stroke=\"#333\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(tx)}\" y=\"{Height - Bottom + 18}\" font-size=\"11\" text-anchor=\"middle\">{E(BenchReport.Format(n))}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 14}\" font-size=\"12\" text-anchor=\"middle\">{E(xLabel)} (log scale)</text>");
        var yMid = (Top + Height - Bottom) / 2;
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{yMid}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 {yMid})\">{E(unit)}{(logY ? " (log scale)" : "")}</text>");

        if (goal is { } gl && (!logY || gl > 0))
        {
            var gy = Y(gl);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"goal\" x1=\"{Left}\" y1=\"{F(gy)}\" x2=\"{Width - Right}\" y2=\"{F(gy)}\" stroke=\"#dc2626\" stroke-dasharray=\"6 4\"/>");
            // at the left, where the smallest sizes usually sit far from any goal
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 6}\" y=\"{F(gy - 5)}\" font-size=\"11\" fill=\"#dc2626\"{Halo}>{E(goalLabel)}</text>");
        }

        // whiskers first, so the line and points are drawn over them
        foreach (var p in points.Where(p => double.IsFinite(p.Min) && double.IsFinite(p.Max)))
        {
            var (px, y0, y1) = (X(p.N!.Value), Y(p.Min), Y(p.Max));
            sb.Append(CultureInfo.InvariantCulture, $"<path class=\"whisker\" d=\"M{F(px)} {F(y0)}V{F(y1)}M{F(px - 5)} {F(y0)}H{F(px + 5)}M{F(px - 5)} {F(y1)}H{F(px + 5)}\" stroke=\"{color}\" stroke-opacity=\".55\" fill=\"none\"/>");
        }
        var line = string.Join(' ', points.Where(p => double.IsFinite(p.Median)).Select(p => $"{F(X(p.N!.Value))},{F(Y(p.Median))}"));
        sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{line}\"/>");
        foreach (var p in points.Where(p => double.IsFinite(p.Median)))
        {
            var (px, py) = (X(p.N!.Value), Y(p.Median));
            var tip = $"N={BenchReport.Format(p.N!.Value)}: median {BenchReport.Format(p.Median)} {p.Unit} (min {BenchReport.Format(p.Min)}, max {BenchReport.Format(p.Max)}, {p.Samples.Count} repetitions)";
            sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"pt\" data-n=\"{p.N}\" cx=\"{F(px)}\" cy=\"{F(py)}\" r=\"4\" fill=\"{color}\"><title>{E(tip)}</title></circle>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(px + 7)}\" y=\"{F(py - 7)}\" font-size=\"11\" fill=\"{color}\"{Halo}>{E(BenchReport.Format(p.Median))}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private sealed record Axis(double Lo, double Hi, bool Log, double Px0, double Px1, IReadOnlyList<double> Ticks)
    {
        public double Map(double v)
        {
            var t = Log ? (Math.Log10(v) - Math.Log10(Lo)) / (Math.Log10(Hi) - Math.Log10(Lo)) : (v - Lo) / (Hi - Lo);
            return Px0 + t * (Px1 - Px0);
        }
    }

    /// <summary>The size axis: a little room either side of the smallest and largest N, so end points sit inside.</summary>
    private static Axis LogAxis(double lo, double hi, double px0, double px1)
    {
        if (hi <= lo) (lo, hi) = (lo / 2, lo * 2);
        var pad = Math.Pow(hi / lo, 0.06);
        return new Axis(lo / pad, hi * pad, true, px0, px1, []);
    }

    /// <summary>
    /// Decades around the values, with 2 and 5 between them when there are few decades; the axis ends at the ticks
    /// just outside the values, so a decade is not left empty.
    /// </summary>
    private static Axis LogValueAxis(double lo, double hi)
    {
        var d0 = Math.Floor(Math.Log10(lo));
        var d1 = Math.Ceiling(Math.Log10(hi));
        if (d1 <= d0) d1 = d0 + 1;
        var ticks = new List<double>();
        for (var d = d0; d <= d1; d++)
        {
            var p = Math.Pow(10, d);
            ticks.Add(p);
            if (d1 - d0 <= 3 && d < d1) ticks.AddRange([2 * p, 5 * p]);
        }
        var from = ticks.LastOrDefault(t => t <= lo * (1 + 1e-9), ticks[0]);
        var to = ticks.FirstOrDefault(t => t >= hi * (1 - 1e-9), ticks[^1]);
        return new Axis(from, to, true, Height - Bottom, Top, [.. ticks.Where(t => t >= from && t <= to)]);
    }

    /// <summary>A linear value axis from 0 (or the lowest value) in steps of 1, 2 or 5 times a power of ten.</summary>
    private static Axis LinearAxis(double lo, double hi)
    {
        if (hi <= lo) hi = lo + 1;
        var raw = (hi - lo) / 5;
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * mag).First(s => s >= raw);
        var start = Math.Floor(lo / step) * step;
        var end = Math.Ceiling(hi / step) * step;
        var ticks = new List<double>();
        for (var t = start; t <= end + step / 2; t += step) ticks.Add(Math.Round(t / step) * step);
        return new Axis(start, end, false, Height - Bottom, Top, ticks);
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
