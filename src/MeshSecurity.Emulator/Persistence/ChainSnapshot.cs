using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// Everything a chain needs to go on without its earlier journal: its definition, state and app hash, its contracts'
/// committed states, its mempool, the transaction ids it has seen, its observers and the headers it can sign evidence
/// for. Written every N blocks between blocks (nothing staged), so the journal records after it are its tail.
/// </summary>
public sealed record ChainSnapshot(
    ChainDefinition Definition,
    string AppHash,
    bool Halted,
    JsonElement State,
    IReadOnlyList<ContractSnapshot> Contracts,
    IReadOnlyList<TxAccepted> Mempool,
    IReadOnlyList<string> SeenTxIds,
    IReadOnlyList<ObserverAdded> Observers,
    IReadOnlyList<HeaderRecord> Headers) : IJournalRecord
{
    public ulong Height => Headers.Count > 0 ? Headers[^1].Height : 0;

    /// <summary>The validators a fault keeps from signing (see <see cref="ConsensusChanged"/>); absent in older snapshots.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Offline { get; init; }

    /// <summary>A block time a fault set (0: the chain's own).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong BlockNanos { get; init; }

    /// <summary>The clocks' skew and a jump not taken yet (see <see cref="ConsensusChanged"/>); 0 on time.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long ClockOffsetNanos { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong ClockJumpNanos { get; init; }

    /// <summary>The instant the last block was made, when its header time differs from it (a clock skew); else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Timestamp? MadeAt { get; init; }

    /// <summary>
    /// The ids of the injected crashes the chain applied (see <see cref="CrashesApplied"/>); absent when none, and in a
    /// network checkpoint's snapshot (a resumed run's driver numbers its crashes again).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Crashes { get; init; }

    public static ChainSnapshot Capture(ChainDefinition definition, ChainState state, string appHash, bool halted,
        IEnumerable<ContractInstance> contracts, IEnumerable<MempoolEntry> mempool, IEnumerable<string> seen,
        IEnumerable<KeyValuePair<string, IbcEndpoint?>> observers,
        IReadOnlyList<HeaderRecord> headers) =>
        new(definition, appHash, halted,
            JsonSerializer.SerializeToElement(state, StateJson.Options),
            [.. contracts.Select(c => new ContractSnapshot(c.Address, c.Code.CodeId,
                JsonSerializer.SerializeToElement(c.Committed, c.Code.StateType, StateJson.Options)))],
            [.. mempool.Select(e => e.Record())],
            [.. seen.Order(StringComparer.Ordinal)],
            [.. observers.Select(o => new ObserverAdded(o.Key, o.Value))],
            headers);

    /// <summary>
    /// The chain state as <see cref="Validate"/> read it, once: a resume reads each checkpoint snapshot's state before its
    /// network starts (a damaged one falls back to the replay) and its chain takes that copy instead of parsing it again,
    /// a third of reading the parts (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md, "Cost"). Kept beside the
    /// record, not in it, so the record's equality and its JSON stay what they were; a copy of the record has none.
    /// </summary>
    private static readonly ConditionalWeakTable<ChainSnapshot, ChainState> Validated = new();

    /// <summary>A new chain state (the caller's to change) from <see cref="State"/>, or the one <see cref="Validate"/> read.</summary>
    public ChainState RestoreState() => Validated.TryGetValue(this, out var state) && Validated.Remove(this) ? state : ReadState();

    /// <summary>Reads the chain state now (throwing as <see cref="RestoreState"/> would) and keeps it for its first caller.</summary>
    public ChainSnapshot Validate()
    {
        Validated.AddOrUpdate(this, ReadState());
        return this;
    }

    private ChainState ReadState() =>
        State.Deserialize<ChainState>(StateJson.Options) ?? throw new JsonException("a snapshot without a chain state");

    public ContractInstance RestoreContract(ContractSnapshot c, CodeRegistry codes)
    {
        var code = codes.Get(c.CodeId);
        return new ContractInstance(c.Address, code, c.State.Deserialize(code.StateType, StateJson.Options));
    }
}
