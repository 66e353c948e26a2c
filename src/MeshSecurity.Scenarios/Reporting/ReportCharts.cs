using System.Globalization;
using System.Text;
using MeshSecurity.Scenarios.Reporting.Charts;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>report.html's packet latency histogram and slash propagation timeline, on the shared chart code.</summary>
public static class ReportCharts
{
    private const int Bins = 20;

    /// <summary>Received packets per latency bin (send to receive, in emulated seconds), the count axis from 0.</summary>
    public static string LatencyHistogram(IReadOnlyDictionary<ulong, int> nanos)
    {
        if (nanos.Count == 0) return "<p>No packets were received.</p>";
        var latencies = nanos.Select(kv => (Seconds: kv.Key / 1e9, Count: kv.Value)).ToList();
        var received = latencies.Sum(l => l.Count);
        var chart = new SvgChart(900, 280, 70, 24, 30, 50);
        var x = ChartAxis.Linear(0, Math.Max(latencies.Max(l => l.Seconds), 1e-3), chart.Left, chart.Right, 10);
        var counts = new int[Bins];
        var width = (x.Hi - x.Lo) / Bins;
        foreach (var (l, n) in latencies) counts[Math.Min(Bins - 1, (int)(l / width))] += n;
        var y = ChartAxis.Linear(0, Math.Max(1, counts.Max()), chart.Bottom, chart.Top);
        chart.Open("class=\"latency\"", $"latency of {received} received packets, send to receive")
            .ValueGrid(y, y.Label)
            .XTicks(x, x.Ticks, t => t.ToString("0.##", CultureInfo.InvariantCulture))
            .Axes("emulated latency, send to receive (s)", $"packets (of {received})");
        var bars = new StringBuilder();
        for (var b = 0; b < Bins; b++)
        {
            if (counts[b] == 0) continue;
            var (x0, x1, top) = (x.Map(b * width), x.Map((b + 1) * width), y.Map(counts[b]));
            var range = $"{(b * width).ToString("0.##", CultureInfo.InvariantCulture)}-" +
                        $"{((b + 1) * width).ToString("0.##", CultureInfo.InvariantCulture)} s";
            bars.Append(CultureInfo.InvariantCulture, $"<rect x=\"{SvgChart.F(x0 + 1)}\" y=\"{SvgChart.F(top)}\" " +
                $"width=\"{SvgChart.F(Math.Max(1, x1 - x0 - 2))}\" height=\"{SvgChart.F(chart.Bottom - top)}\" fill=\"#2563eb\">" +
                $"<title>{counts[b]} packets, {range}</title></rect>");
        }
        return chart.Raw(bars.ToString()).Close();
    }

    /// <summary>Each slash's Burn to each consumer as a bar as long as its emulated latency.</summary>
    public static string SlashTimeline(RunReport r)
    {
        var rows = r.Slashes.SelectMany(s => s.Reached.Where(x => x.Latency.Length > 0).Select(x => (s, x))).ToList();
        if (rows.Count == 0) return "<p>No slash propagated to a consumer.</p>";
        const int rowHeight = 22;
        var chart = new SvgChart(900, rows.Count * rowHeight + 80, 220, 60, 20, 60);
        var max = rows.Max(t => Model.Duration.Parse(t.x.Latency).TotalSeconds);
        var x = ChartAxis.Linear(0, Math.Max(max, 1e-3), chart.Left, chart.Right, 8);
        chart.Open("class=\"slashes\"", "emulated latency of each slash to each consumer")
            .XTicks(x, x.Ticks, t => t.ToString("0.##", CultureInfo.InvariantCulture))
            .Axes("emulated latency, slash to consumer (s)", "");
        var bars = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            var (s, reached) = rows[i];
            var seconds = Model.Duration.Parse(reached.Latency).TotalSeconds;
            var top = chart.Top + i * rowHeight + 4;
            bars.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{chart.Left - 6}\" y=\"{top + 12}\" font-size=\"11\" text-anchor=\"end\">" +
                $"{SvgChart.E($"{s.Validator}@{s.Chain} → {reached.Consumer} ({s.Time})")}</text>");
            var length = Math.Max(1, x.Map(seconds) - chart.Left);
            bars.Append(CultureInfo.InvariantCulture, $"<rect x=\"{chart.Left}\" y=\"{top}\" width=\"{SvgChart.F(length)}\" " +
                $"height=\"14\" fill=\"#dc2626\"><title>{SvgChart.E(reached.Latency)}</title></rect>");
            bars.Append(CultureInfo.InvariantCulture, $"<text x=\"{SvgChart.F(x.Map(seconds) + 4)}\" y=\"{top + 12}\" font-size=\"11\">" +
                $"{SvgChart.E(reached.Latency)}</text>");
        }
        return chart.Raw(bars.ToString()).Close();
    }
}
