using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// The top of report.html: what a researcher quotes about a run (scenario, seed, duration, chains, links, packets,
/// slashes, expectations and invariants), as a table and as one paragraph to paste into a paper.
/// </summary>
public static class ReportSummary
{
    public static void Append(StringBuilder h, RunReport r, WallTimings wall, IReadOnlyDictionary<ulong, int> latencies,
        bool resumed = false)
    {
        var mesh = Sum(r, l => l.MeshPackets);
        var transfer = Sum(r, l => l.TransferPackets);
        var validators = r.Chains.Sum(c => c.Validators.Length);
        var expectationsOk = r.Expectations.Count(e => e.Ok);
        var notApplicable = r.Invariants.Count(i => NotApplicable(i, resumed));
        var invariants = r.Invariants.Length - notApplicable;
        var invariantsOk = r.Invariants.Count(i => i.Ok) - notApplicable;
        var didNotApply = notApplicable > 0 ? $" ({notApplicable} did not apply)" : "";
        var stepsOk = r.Steps.Count(s => s.Ok);
        var reached = r.Slashes.SelectMany(s => s.Reached).Where(x => x.Latency.Length > 0).ToList();
        var latency = reached.Count == 0 ? "" : $"; propagation latency {MinMax(reached.Select(x => x.Latency))}";
        var interrupted = r.Result.InterruptedAt is { } at ? $" (interrupted at {at})" : "";
        var compression = wall.EmulatedSecondsPerWallSecond.ToString("#,0", CultureInfo.InvariantCulture);
        var wallText = wall.Total.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

        (string Key, string Value)[] rows =
        [
            ("scenario", $"{r.Scenario.Name} ({r.Scenario.File}), seed {r.Scenario.Seed}"),
            ("duration", $"{r.Scenario.Duration} of emulated time{interrupted}, after a set-up of {r.Scenario.ReadyAfter}; " +
                         $"{wallText} s of wall time ({compression}× real time)"),
            ("chains", $"{r.Chains.Length} ({string.Join(", ", r.Chains.Select(c => c.Id))}), {validators} validators" +
                       Halted(r)),
            ("links", $"{r.Links.Length}" +
                      (r.Links.Length == 0 ? "" : $" ({string.Join(", ", r.Links.Select(l => $"{l.Provider} → {l.Consumer}"))})")),
            ("packets", $"mesh {Packets(mesh)}; ics20 {Packets(transfer)}"),
            ("slashes", $"{r.Slashes.Length}, reaching {reached.Count} consumer records{latency}"),
            ("expectations", $"{expectationsOk} of {r.Expectations.Length} passed, {r.Expectations.Length - expectationsOk} failed"),
            ("invariants", $"{invariantsOk} of {invariants} held{didNotApply}"),
            ("steps", $"{stepsOk} of {r.Steps.Length} as expected"),
        ];
        h.Append("<table class=summary>");
        foreach (var (key, value) in rows) h.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
        h.Append("</table>");

        var paragraph = $"Scenario {r.Scenario.Name} (seed {r.Scenario.Seed}) ran {r.Scenario.Duration} of emulated time{interrupted} on " +
            $"{Count(r.Chains.Length, "chain")} with {Count(validators, "validator")} and {Count(r.Links.Length, "mesh link")}; " +
            $"{Count(mesh.Sent + transfer.Sent, "packet")} were sent, {mesh.Received + transfer.Received} received and " +
            $"{mesh.TimedOut + transfer.TimedOut} timed out{PacketLatency(latencies)}; " +
            $"{Count(r.Slashes.Length, "slash", "slashes")} {(r.Slashes.Length == 1 ? "was" : "were")} applied{latency}. " +
            $"{expectationsOk} of {Count(r.Expectations.Length, "expectation")} passed and {invariantsOk} of " +
            $"{Count(invariants, "invariant")} held{didNotApply}. Emulated with meshsec {Built()}.";
        h.Append("<p class=cite>").Append(E(paragraph)).Append("</p>");
    }

    /// <summary>A run that did not resume had no journal to compare with: the journal's check held, but says nothing.</summary>
    public static bool NotApplicable(RunReport.CheckInfo check, bool resumed) =>
        !resumed && check.Ok && check.Name == Running.ScenarioRunner.JournalCheck;

    private static string Count(long n, string one, string? many = null) =>
        $"{n.ToString("#,0", CultureInfo.InvariantCulture)} {(n == 1 ? one : many ?? one + "s")}";

    /// <summary>"; send to receive took 6.0 s at the median and 6.0 s at the 95th percentile" (emulated), from the histogram.</summary>
    private static string PacketLatency(IReadOnlyDictionary<ulong, int> latencies)
    {
        var total = latencies.Values.Sum();
        if (total == 0) return "";
        ulong Quantile(double q)
        {
            var rank = (long)Math.Ceiling(q * total);
            long seen = 0;
            foreach (var (nanos, count) in latencies.OrderBy(kv => kv.Key))
                if ((seen += count) >= rank) return nanos;
            return latencies.Keys.Max();
        }
        return $"; send to receive took {Rounded(new Model.Duration(Quantile(0.5))).Text} at the median and " +
               $"{Rounded(new Model.Duration(Quantile(0.95))).Text} at the 95th percentile (emulated)";
    }

    /// <summary>The commit the report's code was built from (the SDK stamps it), so a quoted figure can be reproduced.</summary>
    private static string Built() =>
        typeof(ReportSummary).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')
            is [_, var commit] ? $"at commit {commit[..Math.Min(12, commit.Length)]}" : "from a build without its commit";

    private static RunReport.PacketCounts Sum(RunReport r, Func<RunReport.LinkInfo, RunReport.PacketCounts> of) =>
        r.Links.Select(of).Aggregate(new RunReport.PacketCounts(0, 0, 0, 0, 0), (a, b) => new RunReport.PacketCounts(a.Sent + b.Sent,
            a.Received + b.Received, a.Acknowledged + b.Acknowledged, a.ErrorAcknowledged + b.ErrorAcknowledged, a.TimedOut + b.TimedOut));

    private static string Packets(RunReport.PacketCounts p) =>
        $"{p.Sent} sent, {p.Received} received, {p.Acknowledged} acknowledged, {p.ErrorAcknowledged} error-acknowledged, " +
        $"{p.TimedOut} timed out";

    private static string Halted(RunReport r)
    {
        var halted = r.Chains.Where(c => c.Halted is not null).Select(c => c.Id).ToList();
        return halted.Count == 0 ? "" : $"; halted: {string.Join(", ", halted)}";
    }

    /// <summary>The least and most latency, rounded for people (the tables and report.json keep them exact).</summary>
    private static string MinMax(IEnumerable<string> latencies)
    {
        var sorted = latencies.Select(l => Rounded(Model.Duration.Parse(l))).ToList();
        var (min, max) = (sorted.MinBy(s => s.Nanos), sorted.MaxBy(s => s.Nanos));
        return min.Text == max.Text ? min.Text : $"{min.Text} to {max.Text}";
    }

    /// <summary>Milliseconds under a second, seconds to one decimal under a minute, the exact spelling above.</summary>
    private static (ulong Nanos, string Text) Rounded(Model.Duration d) => (d.Nanos, d.Nanos switch
    {
        < Model.Duration.NanosPerSecond => $"{(d.Nanos / 1e6).ToString("0", CultureInfo.InvariantCulture)} ms",
        < 60 * Model.Duration.NanosPerSecond => $"{d.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
        _ => new Model.Duration(d.Nanos / Model.Duration.NanosPerSecond * Model.Duration.NanosPerSecond).ToString(),
    });

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
