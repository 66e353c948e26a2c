using System.Globalization;
using System.Net;
using System.Text;
using MeshSecurity.Scenarios.Reporting.Charts;

namespace MeshSecurity.Scenarios.Sweeping;

/// <summary>
/// sweep.html: one self-contained page (inline CSS and SVG, no scripts): the configurations and how many of their runs
/// passed, then per figure a chart (per configuration: the median as a dot, its confidence interval as a bar, the
/// extremes as a thin line) and its table.
/// </summary>
public static class SweepHtml
{
    private const int Width = 900, Height = 280, Left = 84, Right = 24, Top = 24, Bottom = 50;

    public static string Render(SweepReport r)
    {
        var h = new StringBuilder();
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>meshsec sweep: ").Append(E(r.Scenario.Name))
         .Append("</title><style>")
         .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:.5em 0 1.5em}")
         .Append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}th{background:#f3f4f6}")
         .Append(".ok{color:#16a34a}.bad{color:#dc2626;font-weight:600}svg{background:#fafafa;border:1px solid #ddd;margin:.5em 0 0}")
         .Append("</style></head><body>");
        h.Append("<h1>sweep of ").Append(E(r.Scenario.Name)).Append(" (").Append(E(r.Scenario.File)).Append(')')
         .Append(r.Result.Ok ? " <span class=ok>passed</span>" : " <span class=bad>failed</span>").Append("</h1>");
        h.Append("<p>").Append(r.Configurations.Length).Append(" configurations, each run under the seeds ")
         .Append(E(string.Join(", ", r.Seeds))).Append(": ").Append(r.Result.Runs - r.Result.FailedRuns).Append(" of ")
         .Append(r.Result.Runs).Append(" runs passed. Intervals are order-statistic intervals for the median; their coverage is ")
         .Append("given with each (with 5 seeds or fewer it stays under 95 %).</p>");

        Table(h, ["#", "configuration", "runs passed"], r.Configurations.Select(c => new[]
        {
            $"#{c.Index}", Label(c), $"{c.Runs.Count(x => x.Ok)} of {c.Runs.Length}" + (c.Ok ? "" : " (FAILED)"),
        }));
        var names = r.Configurations.SelectMany(c => c.Figures.Select(f => f.Name)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            h.Append("<h2>").Append(E(name)).Append("</h2>").Append(Chart(r, name));
            Table(h, ["#", "configuration", "median", "interval", "coverage", "min", "max", "runs"], r.Configurations.Select(c =>
                c.Figures.FirstOrDefault(f => f.Name == name) is { } f
                    ? new[] { $"#{c.Index}", Label(c), f.Median, $"[{f.CiLow}, {f.CiHigh}]", f.CiLevel, f.Min, f.Max, N(f.N) }
                    : [$"#{c.Index}", Label(c), "", "", "", "", "", "0"]));
        }
        return h.Append("</body></html>\n").ToString();
    }

    private static string Chart(SweepReport r, string name)
    {
        var figures = r.Configurations.Select(c => (c.Index, Figure: c.Figures.FirstOrDefault(f => f.Name == name))).ToList();
        var present = figures.Where(f => f.Figure is not null).Select(f => f.Figure!).ToList();
        var chart = new SvgChart(Width, Height, Left, Right, Top, Bottom);
        var count = r.Configurations.Length;
        var x = new ChartAxis(-0.5, count - 0.5, false, chart.Left, chart.Right, [.. Enumerable.Range(0, count).Select(i => (double)i)]);
        var y = ChartAxis.Fitted(present.Min(f => D(f.Min)), present.Max(f => D(f.Max)), chart.Bottom, chart.Top);
        chart.Open($"class=\"sweep\" data-figure=\"{SvgChart.E(name)}\"", $"{name}: median and interval per configuration")
            .ValueGrid(y, y.Label)
            .XTicks(x, x.Ticks, t => $"#{t.ToString("0", CultureInfo.InvariantCulture)}")
            .Axes("configuration", name);
        foreach (var (index, f) in figures)
        {
            if (f is null) continue;
            var px = x.Map(index);
            var color = SvgChart.Palette[index % SvgChart.Palette.Length];
            chart.Raw(Bar(px, y.Map(D(f.Min)), y.Map(D(f.Max)), "#9ca3af", 1, $"min {f.Min}, max {f.Max}"))
                .Raw(Bar(px, y.Map(D(f.CiLow)), y.Map(D(f.CiHigh)), color, 6, $"interval [{f.CiLow}, {f.CiHigh}] ({f.CiLevel})"))
                .Raw($"<circle class=\"median\" cx=\"{SvgChart.F(px)}\" cy=\"{SvgChart.F(y.Map(D(f.Median)))}\" r=\"5\" " +
                     $"fill=\"#111\"><title>#{index}: median {SvgChart.E(f.Median)} over {f.N} runs</title></circle>");
        }
        return chart.Close();
    }

    private static string Bar(double x, double y0, double y1, string color, int width, string title) =>
        $"<line x1=\"{SvgChart.F(x)}\" y1=\"{SvgChart.F(y0)}\" x2=\"{SvgChart.F(x)}\" " +
        $"y2=\"{SvgChart.F(Math.Abs(y1 - y0) < 2 ? y0 - 2 : y1)}\" " +
        $"stroke=\"{color}\" stroke-width=\"{width}\"><title>{SvgChart.E(title)}</title></line>";

    private static void Table(StringBuilder h, string[] head, IEnumerable<string[]> rows)
    {
        h.Append("<table><tr>");
        foreach (var c in head) h.Append("<th>").Append(E(c)).Append("</th>");
        h.Append("</tr>");
        foreach (var row in rows)
        {
            h.Append("<tr>");
            foreach (var c in row) h.Append("<td>").Append(E(c)).Append("</td>");
            h.Append("</tr>");
        }
        h.Append("</table>");
    }

    private static string Label(SweepReport.Configuration c) => SweepReport.Label(c.Values);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static double D(string v) => double.Parse(v, CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
