using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// An <see cref="UnbondingQueue"/> in JSON: the list of its entries by completion time, then insertion, as the sorted
/// list it replaced was written, so snapshots keep their bytes; read back, the entries take ids in that order.
/// </summary>
internal sealed class UnbondingQueueJsonConverter : JsonConverter<UnbondingQueue>
{
    public override UnbondingQueue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize<List<UnbondingEntry>>(ref reader, options)
            ?? throw new JsonException("an unbonding queue is a list of entries, not null"));

    public override void Write(Utf8JsonWriter writer, UnbondingQueue value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var entry in value) JsonSerializer.Serialize(writer, entry, options);
        writer.WriteEndArray();
    }
}
