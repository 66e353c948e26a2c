using System.Globalization;

namespace MeshSecurity.Scenarios.Reporting.Charts;

/// <summary>
/// One axis of an SVG chart (report.html's and bench.html's): a range of values mapped onto a range of pixels, linearly
/// or by decades, with the values its ticks stand at. <see cref="Px0"/> is where <see cref="Lo"/> is drawn: a value axis
/// runs from the bottom up, so its <see cref="Px0"/> is the larger pixel.
/// </summary>
public sealed record ChartAxis(double Lo, double Hi, bool Log, double Px0, double Px1, IReadOnlyList<double> Ticks)
{
    /// <summary>The distance between two ticks of a linear axis (0 for a log one).</summary>
    public double Step { get; init; }

    public double Map(double v)
    {
        var t = Log ? (Math.Log10(v) - Math.Log10(Lo)) / (Math.Log10(Hi) - Math.Log10(Lo)) : (v - Lo) / (Hi - Lo);
        return Px0 + t * (Px1 - Px0);
    }

    /// <summary>A log axis with a little room either side of the smallest and largest value, so end points sit inside.</summary>
    public static ChartAxis LogPadded(double lo, double hi, double px0, double px1)
    {
        if (hi <= lo) (lo, hi) = (lo / 2, lo * 2);
        var pad = Math.Pow(hi / lo, 0.06);
        return new ChartAxis(lo / pad, hi * pad, true, px0, px1, []);
    }

    /// <summary>
    /// Decades around the values, with 2 and 5 between them when there are few decades; the axis ends at the ticks
    /// just outside the values, so a decade is not left empty.
    /// </summary>
    public static ChartAxis LogDecades(double lo, double hi, double px0, double px1)
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
        return new ChartAxis(from, to, true, px0, px1, [.. ticks.Where(t => t >= from && t <= to)]);
    }

    /// <summary>A linear axis from the tick at or below <paramref name="lo"/> to the one at or above <paramref name="hi"/>,
    /// in about <paramref name="steps"/> steps of 1, 2 or 5 times a power of ten.</summary>
    public static ChartAxis Linear(double lo, double hi, double px0, double px1, int steps = 5)
    {
        if (hi <= lo) hi = lo + 1;
        var raw = (hi - lo) / steps;
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * mag).First(s => s >= raw * (1 - 1e-9));
        var start = Math.Floor(lo / step + 1e-9) * step;
        var end = Math.Ceiling(hi / step - 1e-9) * step;
        var ticks = new List<double>();
        for (var t = start; t <= end + step / 2; t += step) ticks.Add(Math.Round(t / step) * step);
        return new ChartAxis(start, end, false, px0, px1, ticks) { Step = step };
    }

    /// <summary>
    /// A linear axis fitted to the values rather than started at 0, so a change of a few per cent of a large value fills
    /// part of the chart instead of a pixel: a tenth of the values' spread is added either side (a hundredth of the value
    /// when they are all equal).
    /// </summary>
    public static ChartAxis Fitted(double lo, double hi, double px0, double px1)
    {
        var margin = hi > lo ? (hi - lo) / 10 : Math.Max(Math.Abs(lo) / 100, 1);
        return Linear(lo >= 0 ? Math.Max(0, lo - margin) : lo - margin, hi + margin, px0, px1);
    }

    /// <summary>
    /// A tick value with an SI suffix (k, M, G, T) and as many decimals as the step between ticks needs: "11.9 G", "250",
    /// "1.25 M".
    /// </summary>
    public string Label(double v)
    {
        var top = Math.Max(Math.Abs(Lo), Math.Abs(Hi));
        var (scale, suffix) = top >= 1e12 ? (1e12, " T") : top >= 1e9 ? (1e9, " G") : top >= 1e6 ? (1e6, " M") : top >= 1e4 ? (1e3, " k")
            : (1, "");
        var step = Step > 0 ? Step / scale : 1;
        var decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        var format = decimals > 0 ? "#,0." + new string('0', decimals) : "#,0";
        return (v / scale).ToString(format, CultureInfo.InvariantCulture) + suffix;
    }
}
