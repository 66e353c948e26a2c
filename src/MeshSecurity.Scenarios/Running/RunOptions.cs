using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// How to run a scenario: overrides of its seed and speed, the journal, where the report goes (events.jsonl is written
/// there by the run itself, slice by slice; without a folder the history is kept in memory, bounded), and (for tests of
/// interruption) an emulated time after which the run stops as if the process had been killed; and (for the
/// determinism check) a cap on the time keeping's window length, in nanoseconds; and where chains run contract code
/// (inline by default; the history is the same either way).
/// </summary>
public sealed record RunOptions(
    JournalSettings Journal,
    string? OutDir = null,
    string? Seed = null,
    double? Speed = null,
    bool SpeedMax = false,
    Model.Duration? StopAfter = null,
    ulong? MaxWindowNanos = null,
    ContractExecution Contracts = ContractExecution.Inline);
