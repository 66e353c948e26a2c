using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A transaction's messages in a journal record: each in its wire form (<see cref="Wire"/>, closed families tagged), and
/// a contract message as the JSON its contract reads. Read back, a contract message stays JSON text, which every
/// contract accepts as it accepts its typed form, so a re-executed block gives the same app hash.
/// </summary>
internal sealed class JournalMsgsConverter : JsonConverter<IReadOnlyList<CosmosMsg>>
{
    /// <summary>The wire's options, strict on read, writing nulls too so that a strict read finds every field.</summary>
    private static readonly JsonSerializerOptions Options = new(Core.Wire.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public override IReadOnlyList<CosmosMsg> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var msgs = JsonSerializer.Deserialize<CosmosMsg[]>(ref reader, Options) ?? throw new JsonException("expected a list of messages");
        for (var i = 0; i < msgs.Length; i++) msgs[i] = ContractJsonAsText(msgs[i]);
        return msgs;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<CosmosMsg> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var msg in value) JsonSerializer.Serialize(writer, ContractJsonAsElement(msg), Options);
        writer.WriteEndArray();
    }

    private static CosmosMsg ContractJsonAsText(CosmosMsg msg) => msg switch
    {
        CosmosMsg.WasmExecute e when e.Msg is JsonElement j => e with { Msg = j.GetRawText() },
        CosmosMsg.WasmInstantiate i when i.Msg is JsonElement j => i with { Msg = j.GetRawText() },
        CosmosMsg.WasmSudo s when s.Msg is JsonElement j => s with { Msg = j.GetRawText() },
        _ => msg,
    };

    private static CosmosMsg ContractJsonAsElement(CosmosMsg msg) => msg switch
    {
        CosmosMsg.WasmExecute e => e with { Msg = Element(e.Msg) },
        CosmosMsg.WasmInstantiate i => i with { Msg = Element(i.Msg) },
        CosmosMsg.WasmSudo s => s with { Msg = Element(s.Msg) },
        _ => msg,
    };

    /// <summary>A contract message as JSON: text and bytes are already JSON; a typed message takes its wire form.</summary>
    internal static JsonElement Element(object msg) => msg switch
    {
        JsonElement j => j,
        string text => JsonDocument.Parse(text).RootElement.Clone(),
        byte[] bytes => JsonDocument.Parse(bytes).RootElement.Clone(),
        _ => JsonDocument.Parse(Core.Wire.ToJson(msg)).RootElement.Clone(),
    };
}
