using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Emulator.Wire;

/// <summary>An event inside another message (a block's <see cref="BlockEvents"/>) as <c>{"its manifest": {...}}</c>.</summary>
internal sealed class EmulatorEventConverter : JsonConverter<EmulatorEvent>
{
    public override EmulatorEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
            throw new JsonException("expected an event as {\"manifest\": {...}}");
        var manifest = reader.GetString()!;
        reader.Read();
        var e = JsonSerializer.Deserialize(ref reader, MeshWireSerializer.InfoOf(manifest)) as EmulatorEvent
                ?? throw new JsonException($"{manifest} is not an event");
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException($"expected one event, got more after {manifest}");
        return e;
    }

    public override void Write(Utf8JsonWriter writer, EmulatorEvent value, JsonSerializerOptions options)
    {
        var (manifest, info) = MeshWireSerializer.Entry(value);
        writer.WriteStartObject();
        writer.WritePropertyName(manifest);
        JsonSerializer.Serialize(writer, value, info);
        writer.WriteEndObject();
    }
}
