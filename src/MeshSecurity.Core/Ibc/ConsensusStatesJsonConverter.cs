using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// <see cref="ConsensusStates"/> in JSON: the list of [height, time] entries by height, as a snapshot wrote the sorted
/// map it replaced (the snapshot's sorted-collections converter), so snapshots keep their bytes. Read back strictly:
/// an entry that is not a [height, time] pair, or heights not strictly ascending, are refused.
/// </summary>
internal sealed class ConsensusStatesJsonConverter : JsonConverter<ConsensusStates>
{
    public override ConsensusStates Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected a list of [height, time] entries");
        var entries = new List<(ulong, Timestamp)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected a [height, time] entry");
            reader.Read();
            var height = JsonSerializer.Deserialize<ulong>(ref reader, options);
            reader.Read();
            var time = JsonSerializer.Deserialize<Timestamp>(ref reader, options);
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("an entry has more than a height and a time");
            if (entries.Count > 0 && height <= entries[^1].Item1)
                throw new JsonException($"consensus states out of order: height {height} after {entries[^1].Item1}");
            entries.Add((height, time));
        }
        return ConsensusStates.From(entries);
    }

    public override void Write(Utf8JsonWriter writer, ConsensusStates value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var (height, time) in value)
        {
            writer.WriteStartArray();
            JsonSerializer.Serialize(writer, height, options);
            JsonSerializer.Serialize(writer, time, options);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}
