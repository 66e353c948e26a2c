namespace MeshSecurity.Cli.Bench;

/// <summary>The performance targets bench.html judges a run against; the goals table is computed from these and the report.</summary>
public static class BenchGoals
{
    private const double KiBPerGiB = 1024 * 1024;

    public static IReadOnlyList<BenchGoal> All { get; } =
    [
        new("b", "relayed_packets", null, "relayed packets, memory journal", AtLeast: true, 200_000, "packets/s"),
        new("b", "relay_vs_raw", null, "relayed packets against the raw Akka bound", AtLeast: true, 10, "%"),
        new("b", "relay_4_links_vs_raw", null, "relayed packets on 4 links against the raw Akka bound (issue 16)", AtLeast: true,
            1.5, "%"),
        new("b", "relay_allocated_steady", null, "allocated per relayed packet, steady state (issue 16)", AtLeast: false, 12,
            "KiB/packet"),
        new("b", "messages_per_packet", null, "actor messages per relayed packet (issue 16)", AtLeast: false, 8, "messages"),
        new("b", "relay_cycle10_vs_cycle2", null, "the 10th relay cycle against the 2nd (issue 16)", AtLeast: true, 90, "%"),
        new("c", "slash_fanout_wall", 1000, "slash reaches 1,000 consumers, wall time", AtLeast: false, 1000, "ms"),
        new("d", "scale_memory", 10_000, "heap of 10,000 idle chains", AtLeast: false, 4, "GiB",
            SourceUnit: "KiB/chain", Factor: 10_000 / KiBPerGiB, FactorText: "× 10,000 chains"),
        new("d", "scale_memory", 100_000, "heap of 100,000 idle chains (issue 16)", AtLeast: false, 4, "GiB",
            SourceUnit: "KiB/chain", Factor: 100_000 / KiBPerGiB, FactorText: "× 100,000 chains"),
        new("e", "time_compression", 100, "emulated time per wall second, ring of 100", AtLeast: true, 10_000, "x real"),
        new("e", "barrier_reduction_ring100_jitter", null, "fewer barriers than a per-instant clock, ring of 100 with jitter",
            AtLeast: true, 10, "x"),
        new("e", "quickstart_speed_3600", null, "quickstart paced at --speed 3600", AtLeast: true, 3_400, "x real", OnlyWhenPresent: true),
        new("f", "sqlite_committed_txs", null, "SQLite journal commits", AtLeast: true, 20_000, "txs/s"),
        new("h", "resume_vs_replay", null, "resume of a long run of 100 chains from its checkpoint against a replay from genesis " +
            "(issue 16)", AtLeast: false, 10, "%"),
        new("f", "postgres_committed_txs", null, "PostgreSQL journal commits", AtLeast: true, 20_000, "txs/s", OnlyWhenPresent: true),
    ];

    /// <summary>Every goal judged against <paramref name="report"/>; optional ones only when the report has their figure.</summary>
    public static IReadOnlyList<BenchGoalCheck> Check(BenchReport report) =>
        [.. All.Select(g => g.Check(report)).Where(c => !c.Goal.OnlyWhenPresent || c.Result is not null)];
}
