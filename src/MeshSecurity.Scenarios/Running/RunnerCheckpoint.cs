using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// The runner's own state at a cut that checkpoint.json v3 adds (manifest <see cref="CurrentManifest"/>,
/// docs/decisions/0009-a-run-resumes-from-its-checkpoint.md): the fixtures' addresses, the lasting chaos faults in force
/// (by the index of the step that injected them: the scenario and seed give the step again) and the switches the runner
/// last gave the chains for them, the withdraw races' transactions, the reopened channels still opening, and the steps
/// refused without a transaction. A v2 checkpoint has none of it (its runs had none), so it reads as <see cref="Empty"/>.
/// </summary>
internal sealed record RunnerCheckpoint
{
    /// <summary>The format this build writes and reads.</summary>
    public const string CurrentManifest = "runner-state.v1";

    public static readonly RunnerCheckpoint Empty = new();

    public string Manifest { get; init; } = CurrentManifest;

    /// <summary>The steps whose lasting fault is in force, in step order.</summary>
    public IReadOnlyList<int> Chaos { get; init; } = [];

    /// <summary>Each chain's consensus as last sent (offline validators, block time, clock offset); absent: as configured.</summary>
    public IReadOnlyList<ChainConsensus> Consensus { get; init; } = [];

    public sealed record ChainConsensus(string Chain, IReadOnlyList<string> Offline, ulong BlockNanos, long ClockOffsetNanos);

    /// <summary>The injected error acks switched on, as last sent: (chain, "port/channel/kind").</summary>
    public IReadOnlyList<ErrorAck> ErrorAcks { get; init; } = [];

    public sealed record ErrorAck(string Chain, string Key);

    /// <summary>The light clients frozen, as last sent.</summary>
    public IReadOnlyList<FrozenClient> Frozen { get; init; } = [];

    public sealed record FrozenClient(string Chain, string ClientId, string Provider, string Consumer);

    /// <summary>Each priced link's shock factor last published, and its shock publications in the second of the last one.</summary>
    public IReadOnlyList<Shock> Shocks { get; init; } = [];

    public sealed record Shock(string Provider, string Consumer, Dec? Factor, ulong? Second, int Count);

    /// <summary>Each withdraw race's transaction ids by step index, and whether they compete for the same collateral.</summary>
    public IReadOnlyList<Race> Races { get; init; } = [];

    public sealed record Race(int Step, string Stake, string Withdrawal, bool Compete);

    /// <summary>Mesh channels still opening after a reopen (their relayers are in the channel parts), and how many were asked.</summary>
    public IReadOnlyList<Reopening> Reopenings { get; init; } = [];

    public sealed record Reopening(string Provider, string Consumer, string Channel, int Step);

    public int Reopens { get; init; }

    /// <summary>Why a step that submits no transaction failed, by step index.</summary>
    public IReadOnlyList<Refusal> Refusals { get; init; } = [];

    public sealed record Refusal(int Step, string Why);

    /// <summary>Each fixture's contract address by name, and the lockup and meta-staking fixtures' by chain.</summary>
    public IReadOnlyList<Named> Fixtures { get; init; } = [];

    public IReadOnlyList<Named> FixtureLockups { get; init; } = [];

    public IReadOnlyList<Named> FixtureMetaStakings { get; init; } = [];

    public sealed record Named(string Name, Addr Address);
}
