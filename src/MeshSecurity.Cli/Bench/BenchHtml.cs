using System.Globalization;
using System.Net;
using System.Text;
using MeshSecurity.Scenarios.Reporting.Charts;

namespace MeshSecurity.Cli.Bench;

/// <summary>
/// bench.html: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) in the look of report.html:
/// the run and machine, the goals and where each median stands, every figure grouped a-h, and a growth chart per
/// series measured at several sizes. Everything shown is computed from the report, so a bench.json read back renders
/// the same page.
/// </summary>
public static class BenchHtml
{
    private static readonly (string Group, string Name)[] Groups =
    [
        ("a", "raw Akka bound"), ("b", "relayed packets"), ("c", "slash fan-out"), ("d", "scale"), ("e", "time compression"),
        ("f", "persistence"), ("g", "loopback cluster"), ("h", "resume"),
    ];

    // how a series is named in its chart, and what its N counts
    private static readonly Dictionary<string, (string Title, string Counts)> SeriesNames = new()
    {
        ["slash_fanout_wall"] = ("slash fan-out: wall time until every consumer is slashed", "N, consumers"),
        ["slash_fanout_emulated"] = ("slash fan-out: emulated time until every consumer is slashed", "N, consumers"),
        ["scale_memory"] = ("scale: heap per idle chain", "N, chains"),
        ["scale_blocks"] = ("scale: blocks made per wall second", "N, chains"),
        ["time_compression"] = ("time compression: emulated seconds per wall second", "N, chains in the ring"),
    };

    public static string Render(BenchReport report)
    {
        var h = new StringBuilder();
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>meshsec bench")
         .Append(report.Quick ? " (quick)" : "").Append("</title><style>")
         .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:.5em 0 1.5em}")
         .Append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em;vertical-align:top}th{background:#f3f4f6}")
         .Append(".ok{color:#16a34a;font-weight:600}.bad{color:#dc2626;font-weight:600}.na{color:#6b7280;font-style:italic}table.goals td:last-child{white-space:nowrap}")
         .Append("td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.group th{background:#e5e7eb;font-size:1em}")
         .Append("code{font-size:.85em;color:#374151}.note{color:#4b5563;font-size:.85em}p.meta{color:#374151}")
         .Append("svg{background:#fafafa;border:1px solid #ddd;margin:.5em 0}figure{margin:0 1.5em 1.5em 0;width:522px}figcaption{font-weight:600}")
         .Append(".charts{display:flex;flex-wrap:wrap}</style></head><body>");

        var checks = BenchGoals.Check(report);
        Header(h, report, checks);
        Goals(h, checks);
        Results(h, report);
        Charts(h, report, checks);
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static void Header(StringBuilder h, BenchReport report, IReadOnlyList<BenchGoalCheck> checks)
    {
        h.Append("<h1>meshsec bench <span class=note>").Append(report.Quick ? "quick run" : "full run").Append("</span></h1>");
        h.Append("<p class=meta>started ").Append(E(Started(report.StartedUtc))).Append(" · ")
         .Append(report.Results.Count.ToString(CultureInfo.InvariantCulture)).Append(" figures · goals: ")
         .Append(E(string.Join(", ", new[] { (true, "met"), (false, "not met"), ((bool?)null, "not judged") }
             .Select(k => (Count: checks.Count(c => c.Met == k.Item1), Name: k.Item2)).Where(k => k.Count > 0).Select(k => $"{k.Count} {k.Name}"))))
         .Append(report.Quick ? " · quick runs measure small sizes with 2 repetitions; goals at large sizes need a full run" : "")
         .Append("</p>");

        // label and value pairs, two to a row, so long values (Akka's build, the commit) wrap inside the page
        var m = report.Machine;
        (string Label, string Key)[] items =
        [
            ("cores", "processor_count"), ("OS", "os"), ("architecture", "architecture"), (".NET", "dotnet"),
            ("Akka", "akka"), ("server GC", "server_gc"), ("meshsec", "meshsec"), ("git commit", "git_commit"),
        ];
        h.Append("<table class=machine>");
        foreach (var row in items.Chunk(2))
        {
            h.Append("<tr>");
            foreach (var (label, key) in row)
                h.Append("<th>").Append(E(label)).Append("</th><td>").Append(key == "git_commit" ? "<code>" : "").Append(E(MachineValue(m, key)))
                 .Append(key == "git_commit" ? "</code>" : "").Append("</td>");
            h.Append("</tr>");
        }
        h.Append("</table>");
    }

    private static void Goals(StringBuilder h, IReadOnlyList<BenchGoalCheck> checks)
    {
        h.Append("<h2>Goals</h2><table class=goals><tr><th></th><th>goal</th><th>target</th><th>judged on</th><th>median stands at</th><th>status</th></tr>");
        foreach (var c in checks)
        {
            var status = c.Met switch { true => "met", false => "not-met", null => "unjudged" };
            var css = c.Met switch { true => "ok", false => "bad", null => "na" };
            h.Append("<tr data-goal=\"").Append(E(c.Goal.Key)).Append("\" data-status=\"").Append(status).Append("\"><td>").Append(E(c.Goal.Group)).Append("</td><td>")
             .Append(E(c.Goal.What)).Append("</td><td class=num>").Append(E(c.Goal.TargetText))
             .Append(c.Goal.N is { } n ? $" at N={E(BenchReport.Format(n))}" : "").Append("</td><td>");
            if (c.Result is { } r) h.Append(E(r.Title)).Append(" <code>").Append(E(r.Id)).Append("</code>");
            else h.Append("<code>").Append(E(c.Goal.Series)).Append("</code>");
            h.Append("</td><td class=num>").Append(E(c.Standing)).Append("</td><td class=").Append(css).Append('>').Append(E(c.Status)).Append("</td></tr>");
        }
        h.Append("</table>");
    }

    private static void Results(StringBuilder h, BenchReport report)
    {
        h.Append("<h2>Results</h2><table class=results><tr><th>benchmark</th><th>median</th><th>unit</th><th>repetitions</th><th>min-max</th><th>note</th></tr>");
        var known = Groups.Select(g => g.Group).ToHashSet();
        var sections = Groups.Select(g => (Heading: $"{g.Group}. {g.Name}", Rows: report.Results.Where(r => r.Group == g.Group).ToList()))
            .Append((Heading: "other", Rows: report.Results.Where(r => !known.Contains(r.Group)).ToList()));
        foreach (var (heading, rows) in sections.Where(s => s.Rows.Count > 0))
        {
            h.Append("<tbody><tr class=group><th colspan=6>").Append(E(heading)).Append("</th></tr>");
            foreach (var r in rows)
                h.Append("<tr><td>").Append(E(r.Title)).Append("<br><code>").Append(E(r.Id)).Append("</code></td><td class=num>").Append(E(Num(r.Median)))
                 .Append("</td><td>").Append(E(r.Unit)).Append("</td><td class=num>").Append(r.Samples.Count.ToString(CultureInfo.InvariantCulture))
                 .Append("</td><td class=num>").Append(E($"{Num(r.Min)} – {Num(r.Max)}")).Append("</td><td class=note>")
                 .Append(r.Noisy ? $"<b class=bad>noisy</b>: repetitions spread {E(Num(r.Spread * 100))} % of the median. " : "")
                 .Append(E(r.Note)).Append("</td></tr>");
            h.Append("</tbody>");
        }
        h.Append("</table>");
    }

    private static void Charts(StringBuilder h, BenchReport report, IReadOnlyList<BenchGoalCheck> checks)
    {
        var series = report.Results.Where(r => r.N is not null).GroupBy(r => r.Series ?? r.Id)
            .Select(g => (Name: g.Key, Points: g.GroupBy(r => r.N!.Value).Select(s => s.First()).OrderBy(r => r.N).ToList())).ToList();
        var plotted = series.Where(s => s.Points.Count >= 2).ToList();
        h.Append("<h2>Growth with size</h2>");
        if (plotted.Count == 0) h.Append("<p>No series was measured at two or more sizes.</p>");
        h.Append("<div class=charts>");
        for (var i = 0; i < plotted.Count; i++)
        {
            var (name, points) = plotted[i];
            var (title, counts) = SeriesNames.GetValueOrDefault(name, (name, "N"));
            // the goal line in the figures' own unit (4 GiB for 10,000 chains as KiB per chain), only where its size is
            // on the chart: a quick run's small sizes would otherwise be squashed under a goal for 1,000 consumers
            var goal = checks.Select(c => c.Goal).FirstOrDefault(g => g.Series == name && (g.SourceUnit ?? g.Unit) == points[0].Unit
                && (g.N is not { } gn || (gn >= points[0].N && gn <= points[^1].N)));
            var goalLabel = goal is null ? "" : $"goal {goal.TargetText}{(goal.N is { } n ? $" at N={BenchReport.Format(n)}" : "")}";
            h.Append("<figure><figcaption>").Append(E($"{points[0].Group}. {title}")).Append(" <code>").Append(E(name)).Append("</code></figcaption>")
             .Append(BenchSvg.GrowthChart(name, points, counts, SvgChart.Palette[i % SvgChart.Palette.Length],
                 goal is null ? null : goal.Target / goal.Factor, goalLabel))
             .Append("</figure>");
        }
        h.Append("</div>");
        foreach (var (name, points) in series.Where(s => s.Points.Count == 1))
            h.Append("<p class=note><code>").Append(E(name)).Append("</code> was measured at one size only (N=")
             .Append(E(BenchReport.Format(points[0].N!.Value))).Append("), so it has no chart.</p>");
    }

    private static string Num(double v) => double.IsFinite(v) ? BenchReport.Format(v) : "–";

    /// <summary>The start time as "yyyy-MM-dd HH:mm:ss UTC", or as written when it does not parse.</summary>
    private static string Started(string utc) =>
        DateTimeOffset.TryParse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : utc.Length > 0 ? utc : "unknown";

    /// <summary>
    /// A machine value as text. A fresh report holds ints and bools, one read back from bench.json holds their JSON text
    /// ("16", "true"): both must read the same, so the page of a run and of its bench.json are identical.
    /// </summary>
    private static string MachineValue(IReadOnlyDictionary<string, object?> machine, string key) =>
        machine.GetValueOrDefault(key) switch
        {
            null => "unknown",
            bool b => b ? "yes" : "no",
            string s when bool.TryParse(s, out var b) => b ? "yes" : "no",
            string s => s.Length > 0 ? s : "unknown",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var o => o.ToString() ?? "unknown",
        };

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
