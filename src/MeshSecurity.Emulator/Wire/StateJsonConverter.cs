using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// A Core value the generator cannot describe (a whole chain state, a closed family of Core records) in the JSON a
/// snapshot writes it in (<see cref="StateJson"/>).
/// </summary>
internal sealed class StateJsonConverter<T> : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<T>(ref reader, StateJson.Options) ?? throw new JsonException($"expected a {typeof(T).Name}");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, StateJson.Options);
}
