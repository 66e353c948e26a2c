using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Emulator.Chains;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// A contract query's answer with its result in the contract's wire JSON, read back as a <see cref="JsonElement"/>:
/// callers read it typed through <see cref="Core.Wire.As{T}"/>, or as JSON (a scenario's expectation).
/// </summary>
internal sealed class QueryResultConverter : JsonConverter<ChainReply.QueryResult>
{
    public override ChainReply.QueryResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var form = JsonSerializer.Deserialize(ref reader, WireJsonContext.Default.QueryResultJson)
                   ?? throw new JsonException("expected a query result");
        return new ChainReply.QueryResult(form.ChainId, form.Result, form.Error);
    }

    public override void Write(Utf8JsonWriter writer, ChainReply.QueryResult value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer,
            new QueryResultJson(value.ChainId, Json(value.Result), value.Error),
            WireJsonContext.Default.QueryResultJson);

    /// <summary>The result as the contract's wire JSON (as a scenario compares it), which it already is when read back.</summary>
    private static JsonElement? Json(object? result) => result switch
    {
        null => null,
        JsonElement j => j,
        _ => JsonDocument.Parse(Core.Wire.ToJson(result)).RootElement.Clone(),
    };
}

/// <summary>The wire form of <see cref="ChainReply.QueryResult"/>.</summary>
internal sealed record QueryResultJson(string ChainId, JsonElement? Result, string? Error);
