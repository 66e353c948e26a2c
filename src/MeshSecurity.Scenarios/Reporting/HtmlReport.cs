using System.Globalization;
using System.Net;
using System.Text;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG, no scripts): a summary to quote, then the charts (voting
/// power per chain over emulated time with faults and slashes marked, the packet latency histogram, the slash propagation
/// timeline), then the report's tables, each folded (&lt;details&gt;) but the failures open.
/// </summary>
public static class HtmlReport
{
    public static string Render(RunReport r, ReportSeries series, WallTimings wall, bool resumed = false)
    {
        var h = new StringBuilder();
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>meshsec: ").Append(E(r.Scenario.Name))
         .Append("</title><style>")
         .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:.5em 0 1.5em}")
         .Append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}th{background:#f3f4f6}")
         .Append(".ok{color:#16a34a}.bad{color:#dc2626;font-weight:600}")
         .Append("summary{cursor:pointer;font-size:1.2em;font-weight:600;margin:.6em 0}")
         .Append("svg{background:#fafafa;border:1px solid #ddd;margin:.5em 0 0}.legend{font-size:.85em;margin:.2em 0 1.2em}")
         .Append(".cite{background:#f3f4f6;padding:.6em .8em;max-width:60em;font-size:.95em}table.summary th{width:11em}")
         .Append("</style></head><body>");
        h.Append("<h1>").Append(E(r.Scenario.Name)).Append(r.Result.Ok ? " <span class=ok>passed</span>" : " <span class=bad>failed</span>")
         .Append("</h1>");
        ReportSummary.Append(h, r, wall, series.LatencyNanos, resumed);

        var span = Span(r);
        h.Append("<h2>Voting power over time</h2>");
        foreach (var chain in r.Chains.Select(c => c.Id).Order(StringComparer.Ordinal))
            h.Append("<h3>").Append(E(chain)).Append("</h3>").Append(PowerChart.Render(chain, r, series, span));
        h.Append("<h2>Packet latency (send to receive)</h2>").Append(ReportCharts.LatencyHistogram(series.LatencyNanos));
        h.Append("<h2>Slash propagation</h2>").Append(ReportCharts.SlashTimeline(r));

        Table(h, "Expectations", ["#", "at", "what", "expected", "actual", ""], r.Expectations.Select(e => new[]
        {
            e.Index.ToString(CultureInfo.InvariantCulture), e.At, e.Target, e.Expected, e.Actual ?? "", e.Ok ? "ok" : "FAILED",
        }));
        Table(h, "Step outcomes", ["#", "at", "action", "expected", "outcome", ""],
            r.Steps.Where(s => !s.Ok || s.Expected != "success" || s.ActsAs is not null).Select(s => new[]
            {
                s.Index.ToString(CultureInfo.InvariantCulture), s.At, s.ActsAs is { } f ? $"{s.Action} as fixture {f}" : s.Action,
                s.Expected, s.Outcome, s.Ok ? "ok" : "FAILED",
            }));
        Table(h, "Invariants", ["invariant", "", "detail"], r.Invariants.Select(i => ReportSummary.NotApplicable(i, resumed)
            ? new[] { i.Name, "n/a", "not a resumed run" }
            : [i.Name, i.Ok ? "ok" : "FAILED", i.Detail]));
        Table(h, "Chains", ["chain", "height", "time", "validators (power)"], r.Chains.Select(c => new[]
        {
            c.Id, c.Height.ToString(CultureInfo.InvariantCulture) + (c.Halted is { } halt ? $" (halted at {halt.At})" : ""), c.Time,
            string.Join(", ", c.Validators.Select(v => $"{v.Name} {v.Power}{(v.Tombstoned ? " tombstoned" : v.Jailed ? " jailed" : "")}")),
        }));
        Table(h, "Packets", ["link", "channel", "sent", "received", "acked", "error-acked", "timed out"], r.Links.SelectMany(l => new[]
        {
            Packets(l, "mesh", l.MeshPackets), Packets(l, "ics20", l.TransferPackets),
        }));
        Table(h, "Slashes", ["chain", "height", "time", "validator", "source", "reached", "latency"], r.Slashes.Select(s => new[]
        {
            s.Chain, s.Height.ToString(CultureInfo.InvariantCulture), s.Time, s.Validator, s.Source,
            string.Join(", ", s.Reached.Select(x => $"{x.Consumer} ({x.Latency})")), s.EmulatedLatency ?? "",
        }));
        Table(h, "Slash costs", ["slash", "validator", "provider calls", "packets", "resends", "delivered", "consumers", "consumer calls",
            "time"], r.SlashCosts.Select(c => new[]
        {
            $"#{c.Slash} on {c.Chain}", c.Validator, N(c.ProviderCalls), N(c.Packets), N(c.Resends), N(c.Delivered), N(c.Consumers),
            N(c.ConsumerCalls), c.EmulatedTime ?? "",
        }));
        if (r.Risk is { } risk) RiskTables(h, risk);
        h.Append("</body></html>\n");
        return h.ToString();
    }

    /// <summary>The restaking risk section: each consumer chain's exposure, then the cascade from the shock and the bound.</summary>
    private static void RiskTables(StringBuilder h, RunReport.RiskInfo risk)
    {
        Table(h, "Restaking risk", ["consumer", "power", "cost of corruption", "coalition", "profit", "secure", "slack"],
            risk.Chains.Select(c => new[]
            {
                c.Chain, c.Power, c.Cost + (c.Exact ? "" : " (greedy)"), string.Join(", ", c.Coalition), c.Profit ?? "",
                c.Secure is { } s ? (s ? "yes" : "NO") : "", c.Slack ?? "",
            }));
        var bound = risk.Bound is null
            ? "no bound (no positive slack)"
            : $"bound {risk.Bound}: {(risk.BoundHolds == true ? "held" : "EXCEEDED")}";
        Table(h, $"Cascade from a shock of {risk.Shock}: loss {risk.Loss}, {bound}", ["step"], risk.Cascade.Select(c => new[] { c }));
    }

    /// <summary>The emulated seconds the charts span: the run's duration, or up to its interruption.</summary>
    private static double Span(RunReport r) =>
        Math.Max(1, PowerChart.Seconds(r.Result.InterruptedAt ?? r.Scenario.Duration));

    private static string[] Packets(RunReport.LinkInfo l, string channel, RunReport.PacketCounts p) =>
        [$"{l.Provider} → {l.Consumer}", channel, N(p.Sent), N(p.Received), N(p.Acknowledged), N(p.ErrorAcknowledged), N(p.TimedOut)];

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A table folded under its title with its row count; open when a row failed, so failures are seen first.</summary>
    private static void Table(StringBuilder h, string title, string[] head, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        var failed = list.Count(row => row.Contains("FAILED"));
        h.Append(failed > 0 ? "<details open>" : "<details>").Append("<summary>").Append(E(title))
         .Append(CultureInfo.InvariantCulture, $" ({list.Count}{(failed > 0 ? $", {failed} failed" : "")})")
         .Append("</summary><table><tr>");
        foreach (var c in head) h.Append("<th>").Append(E(c)).Append("</th>");
        h.Append("</tr>");
        foreach (var row in list)
        {
            h.Append("<tr>");
            foreach (var c in row) h.Append(c is "FAILED" ? "<td class=bad>" : c is "ok" ? "<td class=ok>" : "<td>").Append(E(c)).Append("</td>");
            h.Append("</tr>");
        }
        h.Append("</table></details>");
    }
}
