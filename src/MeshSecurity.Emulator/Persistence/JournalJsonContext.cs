using System.Text.Json.Serialization;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>The journal records' JSON, generated at build time (no reflection on the write path).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    // nulls are written, so a strict read finds every field
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(JournalMsgsConverter)])]
[JsonSerializable(typeof(ChainStarted))]
[JsonSerializable(typeof(BlockRecorded))]
[JsonSerializable(typeof(TxAccepted))]
[JsonSerializable(typeof(ObserverAdded))]
[JsonSerializable(typeof(Admitted))]
[JsonSerializable(typeof(ChainSnapshot))]
[JsonSerializable(typeof(ConsensusChanged))]
[JsonSerializable(typeof(SlotsSkipped))]
[JsonSerializable(typeof(CrashesApplied))]
// Coins' converter writes its coins as a list
[JsonSerializable(typeof(List<MeshSecurity.Core.Types.Coin>))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
