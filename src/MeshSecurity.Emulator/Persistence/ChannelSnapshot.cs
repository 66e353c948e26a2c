using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A channel entity's part of a network checkpoint (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md): its
/// relayer's whole state (null before the channel was opened), the fault switches in force, how often it restarted, a
/// refusal, which end it last told each chain to hand it blocks of, and the digests it keeps for a later window (a
/// chain asks for a relay window only once a block matters to the relayer, so idle blocks wait). Taken while the clock
/// stands: every submission the relayer made is then in a chain's mempool, and every window it was asked for is relayed.
/// </summary>
public sealed record ChannelSnapshot(
    string ChannelId,
    ChannelSpec? Spec,
    RelayerState? Relayer,
    bool Paused,
    bool Duplicate,
    RelayFaults Faults,
    long Restarts,
    string? RefusedStep,
    string? RefusedError,
    IReadOnlyList<ChannelSnapshot.Watch> Watching,
    IReadOnlyList<BlockDigest> Observed)
{
    /// <summary>The format written (<see cref="StoredChannelSnapshot"/>); a file of another than it or <see cref="ManifestV1"/> is
    /// not read (the run replays from genesis).</summary>
    public const string Manifest = "channel-snapshot.v2";

    /// <summary>The first format, still read: the record itself, its spec written twice (here and in its relayer's state).</summary>
    public const string ManifestV1 = "channel-snapshot.v1";

    /// <summary>Whether <see cref="FromBytes"/> reads <paramref name="manifest"/>.</summary>
    public static bool Reads(string manifest) => manifest is Manifest or ManifestV1;

    /// <summary>
    /// The id of the relayer's last injected crash, so that a copy of it arriving after a hand-off crashes nothing again
    /// (docs/decisions/0013-at-least-once-between-entities.md); absent when none, and in a network checkpoint's part (a
    /// resumed run's driver numbers its crashes again).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastCrash { get; init; }

    /// <summary>The end of <paramref name="Chain"/> the channel observes (null: the chain's blocks, no end yet).</summary>
    public sealed record Watch(string Chain, IbcEndpoint? End);

    public byte[] ToBytes() =>
        JsonSerializer.SerializeToUtf8Bytes(StoredChannelSnapshot.Of(this), Wire.WireJsonContext.Default.StoredChannelSnapshot);

    public static ChannelSnapshot FromBytes(byte[] bytes, string manifest) => manifest switch
    {
        Manifest => (JsonSerializer.Deserialize(bytes, Wire.WireJsonContext.Default.StoredChannelSnapshot)
            ?? throw new JsonException("an empty channel snapshot")).ToSnapshot(),
        ManifestV1 => JsonSerializer.Deserialize(bytes, Wire.WireJsonContext.Default.ChannelSnapshot)
            ?? throw new JsonException("an empty channel snapshot"),
        _ => throw new JsonException($"a channel snapshot of format {manifest}, not {Manifest} or {ManifestV1}"),
    };
}
