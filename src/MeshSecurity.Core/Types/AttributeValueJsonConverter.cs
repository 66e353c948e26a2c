using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshSecurity.Core.Types;

/// <summary>An attribute value as its Tendermint text (a JSON string); it reads back as text.</summary>
internal sealed class AttributeValueJsonConverter : JsonConverter<AttributeValue>
{
    public override AttributeValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        AttributeValue.Text(reader.GetString() ?? throw new JsonException("expected an attribute value as a string"));

    public override void Write(Utf8JsonWriter writer, AttributeValue value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
