using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// A contract query with its message as JSON (<see cref="JournalMsgsConverter.Element"/>), read back as the JSON text the
/// contract decodes, as a journaled contract message is.
/// </summary>
internal sealed class QueryContractConverter : JsonConverter<ChainCommand.QueryContract>
{
    public override ChainCommand.QueryContract Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var form = JsonSerializer.Deserialize(ref reader, WireJsonContext.Default.QueryContractJson)
                   ?? throw new JsonException("expected a contract query");
        return new ChainCommand.QueryContract(form.Chain, form.Contract, form.Msg.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, ChainCommand.QueryContract value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, new QueryContractJson(value.Chain, value.Contract, JournalMsgsConverter.Element(value.Msg)),
            WireJsonContext.Default.QueryContractJson);
}

/// <summary>The wire form of <see cref="ChainCommand.QueryContract"/>.</summary>
internal sealed record QueryContractJson(string Chain, Addr Contract, JsonElement Msg);
