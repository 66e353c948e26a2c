using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshSecurity.Cli.Bench;

/// <summary>What one <c>meshsec bench</c> run measured, on which machine: the content of bench.json (schema meshsec-bench/1).</summary>
public sealed record BenchReport(bool Quick, string StartedUtc, IReadOnlyDictionary<string, object?> Machine, IReadOnlyList<BenchResult> Results)
{
    public const string Schema = "meshsec-bench/1";

    /// <summary>The series every complete report has, with their group (sizes differ between quick and full runs).</summary>
    public static IReadOnlyList<(string Series, string Group)> RequiredSeries { get; } =
    [
        ("raw_akka_round_trips", "a"), ("relayed_packets", "b"), ("relayed_packets_4_links", "b"), ("relay_vs_raw", "b"),
        ("relay_4_links_vs_raw", "b"), ("relay_allocated", "b"), ("messages_per_packet", "b"), ("relay_cycle10_vs_cycle2", "b"),
        ("relay_allocated_steady", "b"), ("relay_cpu_per_packet", "b"), ("relay_4_links_cpu_per_packet", "b"),
        ("relay_gc_per_1000_packets", "b"), ("ring_cpu_per_block", "e"),
        ("slash_fanout_wall", "c"), ("slash_fanout_emulated", "c"), ("scale_memory", "d"), ("scale_blocks", "d"), ("time_compression", "e"),
        ("sqlite_committed_txs", "f"), ("cluster_relayed_packets_co_located", "g"), ("cluster_relayed_packets_spread", "g"),
        ("cluster_windows_co_located", "g"), ("cluster_windows_spread", "g"), ("cluster_member_loss_to_first_window", "g"),
        ("cluster_member_loss_to_first_window_genesis", "g"), ("cluster_member_loss_extra_from_checkpoint", "g"),
        ("cluster_member_loss_extra_from_genesis", "g"), ("cluster_member_loss_checkpoint_vs_genesis", "g"),
        ("resume_from_checkpoint", "h"), ("resume_replay_from_genesis", "h"), ("resume_vs_replay", "h"),
        ("resume_from_checkpoint_links", "h"), ("resume_replay_from_genesis_links", "h"), ("resume_vs_replay_links", "h"),
    ];

    /// <summary>The series a report has when the bench was given a PostgreSQL server (it exits 1 without them).</summary>
    public static IReadOnlyList<(string Series, string Group)> PostgresSeries { get; } =
    [
        ("postgres_committed_txs", "f"), ("cluster_member_leave_clock_stood", "g"), ("cluster_member_leave_extra", "g"),
        ("cluster_member_leave_oldest_clock_stood", "g"), ("cluster_member_leave_oldest_extra", "g"),
        ("cluster_member_kill_to_first_window", "g"), ("cluster_member_kill_extra", "g"),
    ];

    public string ToJson()
    {
        var doc = new Dictionary<string, object?>
        {
            ["schema"] = Schema,
            ["quick"] = Quick,
            ["started_utc"] = StartedUtc,
            ["machine"] = Machine,
            ["benchmarks"] = Results.Select(r => new Dictionary<string, object?>
            {
                ["id"] = r.Id, ["group"] = r.Group, ["title"] = r.Title, ["unit"] = r.Unit, ["series"] = r.Series ?? r.Id, ["n"] = r.N,
                ["repetitions"] = r.Samples.Count, ["median"] = r.Median, ["min"] = r.Min, ["max"] = r.Max, ["samples"] = r.Samples, ["note"] = r.Note,
            }).ToList(),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads a bench.json back (for the HTML report of an earlier run).</summary>
    public static BenchReport FromJson(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("bench.json: not a JSON object");
        if ((string?)root["schema"] != Schema) throw new FormatException($"bench.json: schema is not {Schema}");
        var machine = root["machine"]?.AsObject().ToDictionary(kv => kv.Key, kv => (object?)kv.Value?.ToString()) ?? [];
        var results = root["benchmarks"]?.AsArray().Select(b => new BenchResult(
            (string)b!["id"]!, (string)b["group"]!, (string)b["title"]!, (string)b["unit"]!,
            b["samples"]!.AsArray().Select(x => (double)x!).ToList(), (string?)b["note"] ?? "", (string?)b["series"], (int?)b["n"])).ToList() ?? [];
        return new BenchReport((bool?)root["quick"] ?? false, (string?)root["started_utc"] ?? "", machine, results);
    }

    /// <summary>
    /// The series of <see cref="RequiredSeries"/> in <paramref name="groups"/> (all when null) that this report lacks
    /// or holds without a finite sample (a figure of a series at any size counts).
    /// </summary>
    public IReadOnlyList<string> Missing(IReadOnlySet<string>? groups = null) =>
    [
        .. RequiredSeries.Where(s => groups is null || groups.Contains(s.Group))
            .Where(s => !Results.Any(r => (r.Series ?? r.Id) == s.Series && r.Samples.Count > 0 && r.Samples.All(double.IsFinite)))
            .Select(s => s.Series),
    ];

    public static string Format(double v) => Math.Abs(v) >= 1_000_000
        ? (v / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M"
        : v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture);
}
