using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// How to run a scenario: overrides of its seed and speed, the journal, where the report goes (events.jsonl is written
/// there by the run itself, slice by slice; without a folder the history is kept in memory, bounded), and (for tests of
/// interruption) an emulated time after which the run stops as if the process had been killed; and (for the
/// determinism check) a cap on the time keeping's window length, in nanoseconds; and where chains run contract code
/// (inline by default; the history is the same either way); and (for tests of recovery) chain actors to crash between
/// windows at emulated times since the network was ready, which the report does not show: each recovers alone; and
/// whether the run resumes an earlier one's journal (its chains then replay from genesis, checking every block); and a
/// cluster to run on instead of the embedded single node (its members journal; this process only drives and reports); and
/// which blocks events.jsonl lists; and (for comparing a run with and without pruning) whether chains keep every receipt,
/// acknowledgement, consensus state and header (ChainConfig.KeepHistory); and how much wall time passes between two
/// checkpoints of the run (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md; zero: at the end of every slice;
/// TimeSpan.MaxValue: none).
/// </summary>
public sealed record RunOptions(
    JournalSettings Journal,
    string? OutDir = null,
    string? Seed = null,
    double? Speed = null,
    bool SpeedMax = false,
    Model.Duration? StopAfter = null,
    ulong? MaxWindowNanos = null,
    ContractExecution Contracts = ContractExecution.Inline,
    IReadOnlyList<(Model.Duration At, string Chain)>? CrashChains = null,
    bool Resumed = false,
    ClusterTarget? Cluster = null,
    Reporting.EventsDetail Events = Reporting.EventsDetail.Summary,
    bool KeepHistory = false)
{
    public TimeSpan CheckpointEvery { get; init; } = ScenarioRunner.DefaultCheckpointEvery;

    /// <summary>
    /// How long an unanswered request or window message waits before it is sent again; after its re-sends
    /// (ClockSettings.MaxResends) the run fails naming it (docs/decisions/0013). Null: 30 s. Wall time: the history does
    /// not depend on it.
    /// </summary>
    public TimeSpan? StallTimeout { get; init; }
}
