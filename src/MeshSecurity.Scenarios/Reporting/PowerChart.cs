using System.Globalization;
using System.Text;
using MeshSecurity.Scenarios.Reporting.Charts;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// report.html's voting-power chart of one chain: every validator the chain had when the network was ready (and any that
/// joined later) as a step line from then to the end of the run, on a value axis fitted to the powers drawn rather than
/// started at 0, so a 5 % slash of 12 G shows as a visible step; with the faults injected into the chain and the slashes
/// applied on it or on their way to it marked, and a legend saying where each validator started and ended.
/// </summary>
public static class PowerChart
{
    private const int Width = 900, Height = 300, Left = 84, Right = 24, Top = 48, Bottom = 50;

    public static string Render(string chain, RunReport r, ReportSeries series, double spanSeconds)
    {
        var names = r.Chains.SelectMany(c => c.Validators).GroupBy(v => v.Address).ToDictionary(g => g.Key, g => g.First().Name);
        var lines = Lines(chain, series, spanSeconds);
        var levels = lines.SelectMany(l => l.Steps.Select(s => (double)s.Power)).DefaultIfEmpty(0).ToList();
        var chart = new SvgChart(Width, Height, Left, Right, Top, Bottom);
        var scale = TimeScale.For(spanSeconds);
        var x = scale.Axis(spanSeconds, chart.Left, chart.Right);
        var y = ChartAxis.Fitted(levels.Min(), levels.Max(), chart.Bottom, chart.Top);
        double X(double seconds) => x.Map(scale.Of(Math.Clamp(seconds, 0, spanSeconds)));

        chart.Open($"class=\"power\" data-chain=\"{SvgChart.E(chain)}\" data-y-min=\"{Num(y.Lo)}\" data-y-max=\"{Num(y.Hi)}\"",
                $"voting power of the validators of {chain} over emulated time")
            .ValueGrid(y, y.Label)
            .XTicks(x, x.Ticks, t => t.ToString("0.##", CultureInfo.InvariantCulture))
            .Axes($"emulated time since the network was ready ({scale.Unit})", "voting power (tokens / power reduction)");
        Markers(chart, chain, r, series, X);
        var legend = new StringBuilder("<p class=legend>");
        for (var i = 0; i < lines.Count; i++)
        {
            var (validator, steps) = lines[i];
            var color = SvgChart.Palette[i % SvgChart.Palette.Length];
            var name = names.GetValueOrDefault(validator, validator);
            var points = new List<(double, double)>();
            for (var s = 0; s < steps.Count; s++)
            {
                var end = s + 1 < steps.Count ? steps[s + 1].Seconds : spanSeconds;
                points.Add((X(steps[s].Seconds), y.Map(steps[s].Power)));
                points.Add((X(end), y.Map(steps[s].Power)));
            }
            chart.Line($"class=\"validator\" data-validator=\"{SvgChart.E(name)}\"", points, color);
            legend.Append(CultureInfo.InvariantCulture, $"<span style=\"color:{color}\" data-validator=\"{SvgChart.E(name)}\">■ ")
                .Append(SvgChart.E(name)).Append(' ').Append(SvgChart.E(y.Label(steps[0].Power)));
            if (steps[^1].Power != steps[0].Power) legend.Append(" → ").Append(SvgChart.E(y.Label(steps[^1].Power)));
            legend.Append("</span> ");
        }
        return chart.Close() + legend.Append("</p>");
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
