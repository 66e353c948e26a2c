using System.Globalization;
using System.Text;
using MeshSecurity.Scenarios.Reporting.Charts;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// report.html's voting-power chart of one chain: every validator the chain had when the network was ready (and any that
/// joined later) as a step line from then to the end of the run, on a value axis fitted to the powers drawn rather than
/// started at 0, so a 5 % slash of 12 G shows as a visible step; with the faults injected into the chain and the slashes
/// applied on it or on their way to it marked, and a legend saying where each validator started and ended, exactly and
/// as a relative change. A validator whose change the shared axis cannot show (a 0.01 % slash beside a tombstone's fall
/// to 0) is drawn again below, alone on its own fitted axis.
/// </summary>
public static class PowerChart
{
    private const int Width = 900, Height = 300, ZoomHeight = 200, Left = 84, Right = 24, Top = 48, Bottom = 50;

    /// <summary>A validator's own axis labels its ticks with more digits ("10.00015 M").</summary>
    private const int ZoomLeft = 112;

    /// <summary>A change smaller than this share of the chart's height is redrawn on the validator's own axis.</summary>
    private const double Visible = 0.03;

    public static string Render(string chain, RunReport r, ReportSeries series, double spanSeconds)
    {
        var names = r.Chains.SelectMany(c => c.Validators).GroupBy(v => v.Address).ToDictionary(g => g.Key, g => g.First().Name);
        var lines = Lines(chain, series, spanSeconds)
            .Select((l, i) => new Line(names.GetValueOrDefault(l.Validator, l.Validator), l.Steps,
                SvgChart.Palette[i % SvgChart.Palette.Length]))
            .ToList();
        var (svg, y) = Draw(chain, r, series, spanSeconds, lines, Height, $"class=\"power\" data-chain=\"{SvgChart.E(chain)}\"",
            $"voting power of the validators of {chain} over emulated time");
        var legend = new StringBuilder("<p class=legend>");
        foreach (var line in lines)
            legend.Append(CultureInfo.InvariantCulture,
                    $"<span style=\"color:{line.Color}\" data-validator=\"{SvgChart.E(line.Name)}\">■ ")
                .Append(SvgChart.E(line.Name)).Append(' ').Append(SvgChart.E(Change(line.Steps))).Append("</span> ");
        legend.Append("</p>");

        // a validator whose change is lost on an axis that must also hold a fall to 0 (a tombstone) gets its own
        var zooms = new StringBuilder();
        foreach (var line in lines.Where(l => Range(l) > 0 && Range(l) < Visible * (y.Hi - y.Lo)))
            zooms.Append(Draw(chain, r, series, spanSeconds, [line], ZoomHeight,
                    $"class=\"zoom\" data-chain=\"{SvgChart.E(chain)}\" data-validator=\"{SvgChart.E(line.Name)}\"",
                    $"voting power of {line.Name} on its own axis").Svg)
                .Append("<p class=legend>").Append(SvgChart.E($"{line.Name} on its own axis: {Change(line.Steps)}")).Append("</p>");
        return svg + legend + zooms;
    }

    private sealed record Line(string Name, List<(double Seconds, ulong Power)> Steps, string Color);

    private static double Range(Line l) => (double)l.Steps.Max(s => s.Power) - l.Steps.Min(s => s.Power);

    /// <summary>"10,000,160 → 10,000,149 (−0.00011 %)": exact, with the relative change a slash is quoted by.</summary>
    private static string Change(List<(double Seconds, ulong Power)> steps)
    {
        var (first, last) = (steps[0].Power, steps[^1].Power);
        var text = first.ToString("N0", CultureInfo.InvariantCulture);
        if (last == first) return text;
        text += " → " + last.ToString("N0", CultureInfo.InvariantCulture);
        if (first == 0) return text;
        var percent = ((double)last - first) / first * 100;
        // three significant digits, however small: a slash of a few tokens on ten million is still quoted
        var digits = Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(percent))), 0, 15);
        var rounded = Math.Round(Math.Abs(percent), digits).ToString("0.###############", CultureInfo.InvariantCulture);
        return text + $" ({(percent < 0 ? "−" : "+")}{rounded} %)";
    }

    private static (string Svg, ChartAxis Y) Draw(string chain, RunReport r, ReportSeries series, double spanSeconds, List<Line> lines,
        int height, string attributes, string title)
    {
        var levels = lines.SelectMany(l => l.Steps.Select(s => (double)s.Power)).DefaultIfEmpty(0).ToList();
        var chart = new SvgChart(Width, height, height == Height ? Left : ZoomLeft, Right, Top, Bottom);
        var scale = TimeScale.For(spanSeconds);
        var x = scale.Axis(spanSeconds, chart.Left, chart.Right);
        var y = ChartAxis.Fitted(levels.Min(), levels.Max(), chart.Bottom, chart.Top);
        double X(double seconds) => x.Map(scale.Of(Math.Clamp(seconds, 0, spanSeconds)));

        chart.Open($"{attributes} data-y-min=\"{Num(y.Lo)}\" data-y-max=\"{Num(y.Hi)}\"", title)
            .ValueGrid(y, y.Label)
            .XTicks(x, x.Ticks, t => t.ToString("0.##", CultureInfo.InvariantCulture))
            // the shorter chart has room for the short title only
            .Axes($"emulated time since the network was ready ({scale.Unit})",
                height == Height ? "voting power (tokens / power reduction)" : "voting power");
        Markers(chart, chain, r, series, X);
        foreach (var line in lines)
        {
            var points = new List<(double, double)>();
            for (var s = 0; s < line.Steps.Count; s++)
            {
                var end = s + 1 < line.Steps.Count ? line.Steps[s + 1].Seconds : spanSeconds;
                points.Add((X(line.Steps[s].Seconds), y.Map(line.Steps[s].Power)));
                points.Add((X(end), y.Map(line.Steps[s].Power)));
            }
            chart.Line($"class=\"validator\" data-validator=\"{SvgChart.E(line.Name)}\"", points, line.Color);
        }
        return (chart.Close(), y);
    }

    /// <summary>Each validator's power from readiness on: its level then, and each change after, at seconds since readiness.</summary>
    private static List<(string Validator, List<(double Seconds, ulong Power)> Steps)> Lines(string chain, ReportSeries series, double span)
    {
        var lines = new SortedDictionary<string, List<(double Seconds, ulong Power)>>(StringComparer.Ordinal);
        foreach (var (validator, power) in series.PowerAtReady.GetValueOrDefault(chain) ?? []) lines[validator] = [(0, power)];
        foreach (var p in series.Power.GetValueOrDefault(chain) ?? [])
        {
            if (p.Time <= series.ReadyAt) continue;
            var at = (p.Time.Nanos - series.ReadyAt.Nanos) / 1e9;
            if (at > span) continue;
            if (!lines.TryGetValue(p.Validator, out var steps)) lines[p.Validator] = steps = [(0, 0)];
            steps.Add((at, p.Power));
        }
        return [.. lines.Select(kv => (kv.Key, kv.Value))];
    }

    /// <summary>The chain's injected faults, its slashes, the slashes on their way to it (sent to received), its halt.</summary>
    private static void Markers(SvgChart chart, string chain, RunReport r, ReportSeries series, Func<double, double> x)
    {
        foreach (var f in series.Faults.Where(f => f.Chains.Contains(chain)))
        {
            if (f.To is { } to) chart.Window("fault", x(f.From.TotalSeconds), x(to.TotalSeconds), "#ca8a04", f.Label);
            else chart.Instant("fault", x(f.From.TotalSeconds), "#ca8a04", f.Label);
        }
        foreach (var s in r.Slashes)
        {
            if (s.Chain == chain) chart.Instant("slash", x(Seconds(s.Time)), "#dc2626", $"slash {s.Validator} ({s.Source})");
            // a Burn that never arrived (its consumer halted) is on its way to the end of the run
            foreach (var reached in s.Reached.Where(p => p.Consumer == chain))
            {
                var arrived = reached.Latency.Length > 0;
                chart.Window("slash", x(Seconds(s.Time)), x(arrived ? Seconds(reached.ReceivedAt) : double.MaxValue), "#dc2626",
                    $"slash of {reached.Validator} {(arrived ? "arriving" : "never arrived")}");
            }
        }
        if (r.Chains.FirstOrDefault(c => c.Id == chain)?.Halted is { } halt) chart.Instant("halt", x(Seconds(halt.At)), "#111", "halted");
    }

    /// <summary>A report time ("1h2m3s", "-40s" during set-up) in seconds since readiness.</summary>
    public static double Seconds(string time) =>
        time.StartsWith('-') ? -Model.Duration.Parse(time[1..]).TotalSeconds : Model.Duration.Parse(time).TotalSeconds;

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
