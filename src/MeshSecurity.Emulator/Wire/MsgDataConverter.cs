using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// The data each message of a transaction returned, tagged by its kind (<c>{"instantiate": {...}}</c>, null for none), so
/// that it reads back typed: a caller elsewhere reads an instantiated contract's address from it. The kinds are those
/// Core's executor returns; another kind fails the write, naming it.
/// </summary>
internal sealed class MsgDataConverter : JsonConverter<ImmutableArray<object?>>
{
    private static readonly (string Tag, Type Type, JsonTypeInfo Info)[] Kinds =
    [
        ("instantiate", typeof(InstantiateResult), WireJsonContext.Default.InstantiateResult),
        ("id", typeof(string), WireJsonContext.Default.String),
        ("sequence", typeof(ulong), WireJsonContext.Default.UInt64),
        ("completion", typeof(Timestamp), WireJsonContext.Default.Timestamp),
        ("paid", typeof(Coins), WireJsonContext.Default.Coins),
    ];

    public override bool HandleNull => true;

    public override ImmutableArray<object?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected the messages' data as a list");
        var data = ImmutableArray.CreateBuilder<object?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                data.Add(null);
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
                throw new JsonException("expected a message's data as {\"kind\": value}");
            var tag = reader.GetString()!;
            var kind = Array.Find(Kinds, k => k.Tag == tag);
            if (kind.Info is null) throw new JsonException($"unknown message data kind \"{tag}\"");
            reader.Read();
            data.Add(JsonSerializer.Deserialize(ref reader, kind.Info));
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException($"expected one value after {tag}");
        }
        return data.ToImmutable();
    }

    public override void Write(Utf8JsonWriter writer, ImmutableArray<object?> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value.IsDefault ? [] : value)
        {
            if (item is null)
            {
                writer.WriteNullValue();
                continue;
            }
            var kind = Array.Find(Kinds, k => k.Type == item.GetType());
            if (kind.Info is null) throw new JsonException($"a message returned {item.GetType()}, which the wire does not carry");
            writer.WriteStartObject();
            writer.WritePropertyName(kind.Tag);
            JsonSerializer.Serialize(writer, item, kind.Info);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
