using System.Text.Json;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// OUT/checkpoint.json: the runner's part of a network checkpoint and the index of the rest
/// (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md). Written last, so a checkpoint it names is complete.
/// <paramref name="TimesDone"/> counts the timeline's times whose steps and readings are done; <paramref name="Reached"/> is
/// the emulated time the clock stood at (nanoseconds since the network was ready); the byte lengths cut events.jsonl and
/// tally.jsonl back to the cut.
/// </summary>
internal sealed record RunCheckpoint(
    int Version,
    long Id,
    string Scenario,
    string Seed,
    string Events,
    string Contracts,
    ulong ReadyNanos,
    ulong ClockNanos,
    ulong ReachedNanos,
    int TimesDone,
    int StepsDone,
    long EventsBytes,
    long EventsLines,
    long TallyBytes,
    IReadOnlyList<RunCheckpoint.ChainPart> Chains,
    IReadOnlyList<RunReport.ExpectationInfo> Expectations,
    IReadOnlyDictionary<string, string?> Readings,
    IReadOnlyList<RunCheckpoint.StepTxs> Steps,
    IReadOnlyList<RunReport.CheckInfo> FailedChecks,
    IReadOnlyDictionary<string, List<string>> Notes,
    string? LastCheck)
{
    /// <summary>
    /// The version this build writes; it reads <see cref="OldestRead"/> too (v2 had no <see cref="Runner"/> part: its runs
    /// had no fixtures, chaos, crash, inject-packet or reopen-channel steps), and a checkpoint of another version is not
    /// used (the run replays from genesis).
    /// </summary>
    public const int CurrentVersion = 3;

    public const int OldestRead = 2;

    public static bool Reads(int version) => version is >= OldestRead and <= CurrentVersion;

    public const string FileName = "checkpoint.json";

    /// <summary>Folder of the checkpoints' chain snapshots, one folder per checkpoint id.</summary>
    public const string Folder = "checkpoints";

    /// <summary>A chain's snapshot at the cut, in <c>checkpoints/{id}/{chain}.json</c>, and the last journal record it covers.</summary>
    public sealed record ChainPart(string Chain, long SequenceNr, ulong Height);

    /// <summary>The transactions a step submitted.</summary>
    public sealed record StepTxs(int Step, IReadOnlyList<StepTx> Txs);

    public sealed record StepTx(string Chain, string TxId);

    /// <summary>A validator's voting power when the network was ready (the charts start from it).</summary>
    public sealed record Power(string Validator, ulong Voting);

    /// <summary>A channel's state at the cut, in <c>checkpoints/{id}/{channel}.channel.json</c>, in the format it names.</summary>
    public sealed record ChannelPart(string Channel, string Manifest);

    /// <summary>The scenario's links as set up (their contracts and channels), which steps and readings address.</summary>
    public IReadOnlyList<Core.Mesh.MeshLinkInfo> Links { get; init; } = [];

    /// <summary>The channels of the links (their relayers), each saved beside the chains' snapshots.</summary>
    public IReadOnlyList<ChannelPart> Channels { get; init; } = [];

    /// <summary>Links a relayer-stop step stopped and no relayer-start started again (the channels' switches are in their parts).</summary>
    public IReadOnlyList<LinkPair> StoppedByStep { get; init; } = [];

    public sealed record LinkPair(string Provider, string Consumer);

    /// <summary>The clock's lookahead at the cut (the smallest latency floor of the links), so windows after it fall the same.</summary>
    public ulong LookaheadNanos { get; init; } = ulong.MaxValue;

    /// <summary>Each chain's validators' voting power when the network was ready.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Power>> PowersAtReady { get; init; } =
        new Dictionary<string, IReadOnlyList<Power>>();

    /// <summary>The runner's switches and bookkeeping at the cut (v3; empty in v2).</summary>
    public RunnerCheckpoint Runner { get; init; } = RunnerCheckpoint.Empty;

    private static readonly JsonSerializerOptions Options = new(ReportWriter.JsonOptions) { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static RunCheckpoint FromJson(string json) =>
        JsonSerializer.Deserialize<RunCheckpoint>(json, Options) ?? throw new JsonException("an empty checkpoint");
}
