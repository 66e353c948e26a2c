using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// A transaction's messages as the journal writes them (<see cref="JournalMsgsConverter"/>): a contract message reads
/// back as the JSON text its contract decodes, so a transaction relayed across nodes executes as it would locally.
/// </summary>
internal sealed class TxMsgsConverter : JsonConverter<ImmutableArray<CosmosMsg>>
{
    private static readonly JournalMsgsConverter Journal = new();

    public override ImmutableArray<CosmosMsg> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        [.. Journal.Read(ref reader, typeof(IReadOnlyList<CosmosMsg>), options)];

    public override void Write(Utf8JsonWriter writer, ImmutableArray<CosmosMsg> value, JsonSerializerOptions options) =>
        Journal.Write(writer, value.IsDefault ? [] : value, options);
}
