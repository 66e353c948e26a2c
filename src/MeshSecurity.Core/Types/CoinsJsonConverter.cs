using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshSecurity.Core.Types;

/// <summary>Coins as a JSON array of {"denom","amount"}, like cosmwasm's Vec&lt;Coin&gt;.</summary>
internal sealed class CoinsJsonConverter : JsonConverter<Coins>
{
    public override Coins Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Coins.Of(JsonSerializer.Deserialize<List<Coin>>(ref reader, options) ?? throw new JsonException("expected a list of coins"));

    public override void Write(Utf8JsonWriter writer, Coins value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToList(), options);
}
