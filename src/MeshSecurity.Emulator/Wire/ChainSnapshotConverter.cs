using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// A chain's snapshot on the wire (a cluster run's checkpoint part) in the JSON the journal stores it in, so the two never
/// drift apart.
/// </summary>
internal sealed class ChainSnapshotConverter : JsonConverter<ChainSnapshot>
{
    public override ChainSnapshot Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, JournalJsonContext.Default.ChainSnapshot)
        ?? throw new JsonException("expected a chain snapshot");

    public override void Write(Utf8JsonWriter writer, ChainSnapshot value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, JournalJsonContext.Default.ChainSnapshot);
}
