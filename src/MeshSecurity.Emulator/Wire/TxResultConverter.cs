using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Execution;

namespace MeshSecurity.Emulator.Wire;

/// <summary>A transaction's result (in <c>TxExecuted</c> and <c>HookExecuted</c> events) through <see cref="TxResultJson"/>.</summary>
internal sealed class TxResultConverter : JsonConverter<TxResult>
{
    public override TxResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (JsonSerializer.Deserialize(ref reader, WireJsonContext.Default.TxResultJson) ?? throw new JsonException("expected a tx result"))
        .ToResult();

    public override void Write(Utf8JsonWriter writer, TxResult value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, TxResultJson.Of(value), WireJsonContext.Default.TxResultJson);
}
