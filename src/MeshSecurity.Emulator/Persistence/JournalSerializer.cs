using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// Writes journal records as JSON (System.Text.Json, generated at build time) under a versioned string manifest per
/// record type. The manifests are part of the stored format: add a new version, never change or rename one; a record
/// of a retired version is refused with a message that says so.
/// </summary>
public sealed class JournalSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private static readonly Dictionary<Type, (string Manifest, JsonTypeInfo Info)> ByType = new()
    {
        [typeof(ChainStarted)] = ("chain-started.v1", JournalJsonContext.Default.ChainStarted),
        [typeof(BlockRecorded)] = ("block-recorded.v2", JournalJsonContext.Default.BlockRecorded),
        [typeof(TxAccepted)] = ("tx-accepted.v1", JournalJsonContext.Default.TxAccepted),
        [typeof(ObserverAdded)] = ("observer-added.v1", JournalJsonContext.Default.ObserverAdded),
        [typeof(Admitted)] = ("admitted.v1", JournalJsonContext.Default.Admitted),
        [typeof(ChainSnapshot)] = ("chain-snapshot.v2", JournalJsonContext.Default.ChainSnapshot),
        [typeof(ConsensusChanged)] = ("consensus-changed.v1", JournalJsonContext.Default.ConsensusChanged),
        [typeof(SlotsSkipped)] = ("slots-skipped.v1", JournalJsonContext.Default.SlotsSkipped),
        [typeof(CrashesApplied)] = ("crashes-applied.v1", JournalJsonContext.Default.CrashesApplied),
        // a channel's records hold relayer values, which the wire's JSON describes (docs/decisions/0017)
        [typeof(DigestKept)] = ("digest-kept.v1", Wire.WireJsonContext.Default.DigestKept),
        [typeof(WindowRelayed)] = ("window-relayed.v1", Wire.WireJsonContext.Default.WindowRelayed),
        [typeof(ChannelSwitched)] = ("channel-switched.v1", Wire.WireJsonContext.Default.ChannelSwitched),
    };

    /// <summary>
    /// Earlier versions this build still reads, as the record type they read into. A chain-snapshot.v1 has every receipt
    /// and acknowledgement and no marks (IbcState.Pruning.cs), which the current rules read the same; a v2 has marks, which
    /// a build that wrote v1 would drop silently (forgetting the receipts below them), hence the new version.
    /// </summary>
    private static readonly Dictionary<string, JsonTypeInfo> StillRead = new()
    {
        ["chain-snapshot.v1"] = JournalJsonContext.Default.ChainSnapshot,
    };

    private static readonly Dictionary<string, JsonTypeInfo> ByManifest =
        ByType.Values.ToDictionary(v => v.Manifest, v => v.Info).Concat(StillRead).ToDictionary();

    /// <summary>Versions this build reads no more, with the reason.</summary>
    private static readonly Dictionary<string, string> Retired = new()
    {
        ["block-recorded.v1"] = "its transactions were kept as one-way JSON, so its blocks cannot be re-executed",
    };

    /// <summary>Every record type with its manifest (for the round-trip and golden-file tests).</summary>
    public static IReadOnlyDictionary<Type, string> Manifests { get; } = ByType.ToDictionary(kv => kv.Key, kv => kv.Value.Manifest);

    public override int Identifier => 4711;

    public override string Manifest(object o) =>
        ByType.TryGetValue(o.GetType(), out var m) ? m.Manifest : throw new ArgumentException($"{o.GetType()} is not a journal record");

    public override byte[] ToBinary(object obj) =>
        ByType.TryGetValue(obj.GetType(), out var m)
            ? JsonSerializer.SerializeToUtf8Bytes(obj, m.Info)
            : throw new ArgumentException($"{obj.GetType()} is not a journal record");

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (Retired.TryGetValue(manifest, out var why))
            throw new ArgumentException($"a {manifest} record was written by an earlier meshsec ({why}): start the run again");
        var info = ByManifest.TryGetValue(manifest, out var i) ? i : throw new ArgumentException($"unknown journal manifest {manifest}");
        return JsonSerializer.Deserialize(bytes, info) ?? throw new ArgumentException($"empty {manifest} record");
    }
}
