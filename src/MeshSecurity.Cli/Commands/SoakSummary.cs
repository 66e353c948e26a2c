using System.Globalization;
using System.Text;
using System.Text.Json;
using MeshSecurity.Scenarios.Generation;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// What a soak came to, read back from its report.json and events.jsonl: operations done and refused (by error kind),
/// faults injected (by fault), invariants violated, and the time from the nemesis' final heal to the last packet
/// settled (received, acknowledged or timed out) after it.
/// </summary>
internal sealed record SoakSummary(
    int Ops, int Done, SortedDictionary<string, int> Refused, SortedDictionary<string, int> Faults,
    List<string> Violations, double? SettledSeconds, string Dir)
{
    private static readonly HashSet<string> Settling = new(StringComparer.Ordinal)
        { "packet_received", "recv_packet", "packet_acknowledged", "packet_timed_out" };

    public static SoakSummary Read(string dir)
    {
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "report.json")));
        var root = report.RootElement;
        var (ops, done) = (0, 0);
        var refused = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var faults = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var step in root.GetProperty("steps").EnumerateArray())
        {
            if (step.GetProperty("fault").GetString() is { } fault)
            {
                var name = fault.Split(' ', 2)[0];
                if (name != "heal") faults[name] = faults.GetValueOrDefault(name) + 1;
                continue;
            }
            ops++;
            if (step.GetProperty("ok").GetBoolean()) done++;
            else
            {
                var outcome = step.GetProperty("outcome").GetString() ?? "";
                var kind = outcome.Split(": ", 2)[0];
                refused[kind] = refused.GetValueOrDefault(kind) + 1;
            }
        }
        var violations = root.GetProperty("invariants").EnumerateArray().Where(i => !i.GetProperty("ok").GetBoolean())
            .Select(i => $"{i.GetProperty("name").GetString()}: {i.GetProperty("detail").GetString()}").ToList();
        return new SoakSummary(ops, done, refused, faults, violations, Settled(Path.Combine(dir, "events.jsonl")), dir);
    }

    /// <summary>Seconds from the nemesis' last heal to the last packet settled after it (0 when none was in flight).</summary>
    private static double? Settled(string events)
    {
        if (!File.Exists(events)) return null;
        long? heal = null, last = null;
        foreach (var line in File.ReadLines(events))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var type = e.GetProperty("type").GetString()!;
            // set-up events come before readiness: negative times
            var t = long.Parse(e.GetProperty("time_ns").GetString()!, CultureInfo.InvariantCulture);
            if (type == "chaos_injected" && e.GetProperty("fault").GetString() == "heal" && e.GetProperty("member").GetString() == "nemesis")
                (heal, last) = (t, null);
            else if (heal is not null && Settling.Contains(type)) last = t;
        }
        return heal is null ? null : ((last ?? heal.Value) - heal.Value) / 1e9;
    }

    public string Describe(SoakOptions o)
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.Append(ci, $"soak: {o.Chains} chains, seed {o.Seed}: {Ops:N0} operations, {Done:N0} done");
        if (Refused.Count > 0)
            sb.Append(ci, $", {Ops - Done:N0} refused ({string.Join(", ", Refused.Select(r => $"{r.Key} {r.Value:N0}"))})");
        sb.Append(ci, $"; {Faults.Values.Sum():N0} faults injected ({string.Join(", ", Faults.Select(f => $"{f.Key} {f.Value}"))})");
        sb.Append(ci, $"; {Violations.Count} invariant violations");
        if (SettledSeconds is { } settled) sb.Append(ci, $"; settled {Readable(settled)} after the final heal");
        sb.Append('\n');
        foreach (var v in Violations) sb.Append("  violated: ").Append(v).Append('\n');
        sb.Append("replay: meshsec run ").Append(Path.Combine(Dir, "soak.conf")).Append(" (the same history); report: ")
            .Append(Path.Combine(Dir, "report.json"));
        return sb.ToString();
    }

    private static string Readable(double seconds) =>
        seconds >= 60 ? $"{(int)(seconds / 60)}m{(int)(seconds % 60)}s" : seconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
}
