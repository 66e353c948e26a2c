using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Errors;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// A domain error as <c>{"codespace:Kind": {its fields}}</c>, read back as the same case, so that a receiver can match
/// its kind and fields (a scenario's expect-error) as the chain that raised it could. The cases are those of Core's
/// closed error families; a case of a generic contract base comes back closed over object (same codespace, kind and
/// fields).
/// </summary>
internal sealed class MeshErrorConverter : JsonConverter<MeshError>
{
    /// <summary>The error's own fields only: codespace, kind and message follow from them.</summary>
    private static readonly JsonSerializerOptions Fields = new(StateJson.Options) { IgnoreReadOnlyProperties = true };

    internal static readonly FrozenDictionary<string, Type> Cases = Load();

    public override MeshError Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
            throw new JsonException("expected an error as {\"codespace:Kind\": {...}}");
        var key = reader.GetString()!;
        var type = Cases.GetValueOrDefault(key) ?? throw new JsonException($"unknown error kind \"{key}\"");
        reader.Read();
        var error = (MeshError?)JsonSerializer.Deserialize(ref reader, type, Fields) ?? throw new JsonException($"an empty {key} error");
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException($"expected one error, got more after {key}");
        return error;
    }

    public override void Write(Utf8JsonWriter writer, MeshError value, JsonSerializerOptions options)
    {
        var key = KeyOf(value);
        if (!Cases.ContainsKey(key)) throw new JsonException($"{value.GetType()} is not a case of Core's error families");
        writer.WriteStartObject();
        writer.WritePropertyName(key);
        JsonSerializer.Serialize(writer, value, value.GetType(), Fields);
        writer.WriteEndObject();
    }

    private static string KeyOf(MeshError e) => $"{e.Codespace}:{e.Kind}";

    private static FrozenDictionary<string, Type> Load()
    {
        var cases = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in typeof(MeshError).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSealed || !typeof(MeshError).IsAssignableFrom(type) && !type.ContainsGenericParameters) continue;
            // a case nested in a generic contract base: its codespace, kind and fields are the same whatever the arguments
            var closed = type.ContainsGenericParameters
                ? type.MakeGenericType([.. type.GetGenericArguments().Select(_ => typeof(object))])
                : type;
            if (!typeof(MeshError).IsAssignableFrom(closed)) continue;
            var key = KeyOf((MeshError)RuntimeHelpers.GetUninitializedObject(closed));
            if (!cases.TryAdd(key, closed)) throw new InvalidOperationException($"two error cases are called {key}");
        }
        return cases.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
