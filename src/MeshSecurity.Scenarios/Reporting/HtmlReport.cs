using System.Globalization;
using System.Net;
using System.Text;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG, no scripts) with the report's tables and three charts:
/// voting power per chain over time, the packet latency histogram, and the slash propagation timeline.
/// </summary>
public static class HtmlReport
{
    private static readonly string[] Palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];

    public static string Render(RunReport r, ReportSeries series, WallTimings wall)
    {
        var h = new StringBuilder();
        h.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>meshsec: ").Append(E(r.Scenario.Name)).Append("</title><style>")
         .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:.5em 0 1.5em}")
         .Append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}th{background:#f3f4f6}.ok{color:#16a34a}.bad{color:#dc2626;font-weight:600}")
         .Append("svg{background:#fafafa;border:1px solid #ddd;margin:.5em 0 1.5em}</style></head><body>");
        h.Append("<h1>").Append(E(r.Scenario.Name)).Append(r.Result.Ok ? " <span class=ok>passed</span>" : " <span class=bad>failed</span>").Append("</h1>");
        h.Append("<p>seed ").Append(E(r.Scenario.Seed)).Append(", ran ").Append(E(r.Scenario.Duration))
         .Append(" of emulated time after a set-up of ").Append(E(r.Scenario.ReadyAfter)).Append(" in ").Append(wall.Total.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture))
         .Append(" s of wall time (").Append(wall.EmulatedSecondsPerWallSecond.ToString("0", CultureInfo.InvariantCulture)).Append("× real time).</p>");

        Table(h, "Expectations", ["#", "at", "what", "expected", "actual", ""], r.Expectations.Select(e => new[] { e.Index.ToString(CultureInfo.InvariantCulture), e.At, e.Target, e.Expected, e.Actual ?? "", e.Ok ? "ok" : "FAILED" }));
        Table(h, "Step outcomes", ["#", "at", "action", "expected", "outcome", ""],
            r.Steps.Where(s => !s.Ok || s.Expected != "success" || s.ActsAs is not null).Select(s => new[]
            {
                s.Index.ToString(CultureInfo.InvariantCulture), s.At, s.ActsAs is { } f ? $"{s.Action} as fixture {f}" : s.Action,
                s.Expected, s.Outcome, s.Ok ? "ok" : "FAILED",
            }));
        Table(h, "Invariants", ["invariant", "", "detail"], r.Invariants.Select(i => new[] { i.Name, i.Ok ? "ok" : "FAILED", i.Detail }));
        Table(h, "Chains", ["chain", "height", "time", "validators (power)"], r.Chains.Select(c => new[] { c.Id,
            c.Height.ToString(CultureInfo.InvariantCulture) + (c.Halted is { } halt ? $" (halted at {halt.At})" : ""), c.Time,
            string.Join(", ", c.Validators.Select(v => $"{v.Name} {v.Power}{(v.Tombstoned ? " tombstoned" : v.Jailed ? " jailed" : "")}")) }));
        Table(h, "Packets", ["link", "channel", "sent", "received", "acked", "error-acked", "timed out"], r.Links.SelectMany(l => new[]
        {
            new[] { $"{l.Provider} → {l.Consumer}", "mesh", N(l.MeshPackets.Sent), N(l.MeshPackets.Received), N(l.MeshPackets.Acknowledged), N(l.MeshPackets.ErrorAcknowledged), N(l.MeshPackets.TimedOut) },
            new[] { $"{l.Provider} → {l.Consumer}", "ics20", N(l.TransferPackets.Sent), N(l.TransferPackets.Received), N(l.TransferPackets.Acknowledged), N(l.TransferPackets.ErrorAcknowledged), N(l.TransferPackets.TimedOut) },
        }));
        Table(h, "Slashes", ["chain", "height", "time", "validator", "source", "reached", "latency"], r.Slashes.Select(s => new[]
            { s.Chain, s.Height.ToString(CultureInfo.InvariantCulture), s.Time, s.Validator, s.Source, string.Join(", ", s.Reached.Select(x => $"{x.Consumer} ({x.Latency})")), s.EmulatedLatency ?? "" }));

        h.Append("<h2>Voting power over time</h2>");
        foreach (var (chain, changes) in series.Power)
            h.Append("<h3>").Append(E(chain)).Append("</h3>").Append(PowerChart(changes, r));
        h.Append("<h2>Packet latency (send to receive)</h2>").Append(LatencyHistogram(series.LatencyNanos));
        h.Append("<h2>Slash propagation</h2>").Append(SlashTimeline(r));
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static void Table(StringBuilder h, string title, string[] head, IEnumerable<string[]> rows)
    {
        h.Append("<h2>").Append(E(title)).Append("</h2><table><tr>");
        foreach (var c in head) h.Append("<th>").Append(E(c)).Append("</th>");
        h.Append("</tr>");
        foreach (var row in rows)
        {
            h.Append("<tr>");
            foreach (var c in row) h.Append(c is "FAILED" ? "<td class=bad>" : c is "ok" ? "<td class=ok>" : "<td>").Append(E(c)).Append("</td>");
            h.Append("</tr>");
        }
        h.Append("</table>");
    }

    private static string PowerChart(List<ReportSeries.PowerPoint> changes, RunReport r)
    {
        const int w = 760, hgt = 220, pad = 40;
        var t0 = changes.Min(c => c.Time.Nanos);
        var t1 = Math.Max(changes.Max(c => c.Time.Nanos), t0 + 1);
        var max = Math.Max(1UL, changes.Max(c => c.Power));
        var sb = new StringBuilder($"<svg width=\"{w}\" height=\"{hgt + 30}\" xmlns=\"http://www.w3.org/2000/svg\">");
        var i = 0;
        foreach (var v in changes.GroupBy(c => c.Validator).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var color = Palette[i % Palette.Length];
            var pts = new StringBuilder();
            double? lastY = null;
            foreach (var c in v.OrderBy(c => c.Time.Nanos))
            {
                var x = pad + (w - 2 * pad) * (double)(c.Time.Nanos - t0) / (t1 - t0);
                var y = hgt - pad + 10 - (hgt - pad) * (double)c.Power / max;
                if (lastY is { } ly) pts.Append(F(x)).Append(',').Append(F(ly)).Append(' ');
                pts.Append(F(x)).Append(',').Append(F(y)).Append(' ');
                lastY = y;
            }
            pts.Append(F(w - pad)).Append(',').Append(F(lastY ?? 0));
            sb.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{pts}\"/>");
            var name = r.Chains.SelectMany(ch => ch.Validators).FirstOrDefault(x => x.Address == v.Key)?.Name ?? v.Key[..Math.Min(12, v.Key.Length)];
            sb.Append($"<text x=\"{pad + i * 110}\" y=\"{hgt + 25}\" fill=\"{color}\" font-size=\"12\">{E(name)}</text>");
            i++;
        }
        sb.Append($"<text x=\"4\" y=\"14\" font-size=\"11\">{max}</text><text x=\"4\" y=\"{hgt}\" font-size=\"11\">0</text></svg>");
        return sb.ToString();
    }

    private static string LatencyHistogram(IReadOnlyDictionary<ulong, int> nanos)
    {
        if (nanos.Count == 0) return "<p>No packets were received.</p>";
        var latencies = nanos.Select(kv => (Seconds: kv.Key / 1e9, Count: kv.Value)).ToList();
        var received = latencies.Sum(l => l.Count);
        const int bins = 20, w = 760, hgt = 200, pad = 40;
        var max = Math.Max(latencies.Max(l => l.Seconds), 1e-9);
        var counts = new int[bins];
        foreach (var (l, n) in latencies) counts[Math.Min(bins - 1, (int)(l / max * bins))] += n;
        var top = Math.Max(1, counts.Max());
        var sb = new StringBuilder($"<svg width=\"{w}\" height=\"{hgt + 30}\" xmlns=\"http://www.w3.org/2000/svg\">");
        var bw = (w - 2.0 * pad) / bins;
        for (var b = 0; b < bins; b++)
        {
            var bh = (hgt - pad) * counts[b] / (double)top;
            sb.Append($"<rect x=\"{F(pad + b * bw)}\" y=\"{F(hgt - bh)}\" width=\"{F(bw - 2)}\" height=\"{F(bh)}\" fill=\"#2563eb\"><title>{counts[b]} packets</title></rect>");
        }
        sb.Append($"<text x=\"{pad}\" y=\"{hgt + 20}\" font-size=\"11\">0 s</text><text x=\"{w - pad - 60}\" y=\"{hgt + 20}\" font-size=\"11\">{max.ToString("0.0", CultureInfo.InvariantCulture)} s</text>");
        sb.Append($"<text x=\"4\" y=\"14\" font-size=\"11\">{top}</text>")
          .Append($"<text x=\"{w / 2 - 60}\" y=\"14\" font-size=\"11\">{received} packets</text></svg>");
        return sb.ToString();
    }

    private static string SlashTimeline(RunReport r)
    {
        var rows = r.Slashes.SelectMany(s => s.Reached.Where(x => x.Latency.Length > 0).Select(x => (s, x))).ToList();
        if (rows.Count == 0) return "<p>No slash propagated to a consumer.</p>";
        const int w = 760, rowH = 22, pad = 160;
        var max = Math.Max(rows.Max(t => Model.Duration.Parse(t.x.Latency).TotalSeconds), 1e-9);
        var sb = new StringBuilder($"<svg width=\"{w}\" height=\"{rows.Count * rowH + 30}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var (s, x) = rows[i];
            var len = (w - pad - 20) * Model.Duration.Parse(x.Latency).TotalSeconds / max;
            sb.Append($"<text x=\"4\" y=\"{i * rowH + 16}\" font-size=\"11\">{E($"{s.Validator}@{s.Chain} → {x.Consumer}")}</text>");
            sb.Append($"<rect x=\"{pad}\" y=\"{i * rowH + 4}\" width=\"{F(Math.Max(1, len))}\" height=\"14\" fill=\"#dc2626\"><title>{E(x.Latency)}</title></rect>");
            sb.Append($"<text x=\"{F(pad + len + 4)}\" y=\"{i * rowH + 16}\" font-size=\"11\">{E(x.Latency)}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
