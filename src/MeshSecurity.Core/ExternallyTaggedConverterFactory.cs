using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshSecurity.Core;

/// <summary>Reads and writes <see cref="ExternallyTaggedAttribute"/> families as <c>{"case": {...}}</c>.</summary>
internal sealed class ExternallyTaggedConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsAbstract && typeToConvert.GetCustomAttribute<ExternallyTaggedAttribute>() is not null;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private static readonly ConcurrentDictionary<Type, (Dictionary<string, Type> ByName, Dictionary<Type, string> ByType)> Cases = new();

    private static (Dictionary<string, Type> ByName, Dictionary<Type, string> ByType) CasesOf(Type family) =>
        Cases.GetOrAdd(family, f =>
        {
            var byName = new Dictionary<string, Type>(StringComparer.Ordinal);
            var byType = new Dictionary<Type, string>();
            foreach (var t in f.GetNestedTypes(BindingFlags.Public).Where(t => !t.IsAbstract && f.IsAssignableFrom(t)))
            {
                var name = t.GetCustomAttribute<WireNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(t.Name);
                byName[name] = t;
                byType[t] = name;
            }
            return (byName, byType);
        });

    private sealed class Converter<T> : JsonConverter<T> where T : class
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var (byName, _) = CasesOf(typeToConvert);
            if (reader.TokenType == JsonTokenType.String)
            {
                // serde writes unit variants as bare strings
                var unit = reader.GetString()!;
                if (!byName.TryGetValue(unit, out var unitType))
                    throw new JsonException($"unknown variant '{unit}', expected one of {string.Join(", ", byName.Keys)}");
                if (unitType.GetConstructor(Type.EmptyTypes) is null)
                    throw new JsonException($"variant '{unit}' has fields: write it as {{\"{unit}\":{{...}}}}");
                return (T)Activator.CreateInstance(unitType)!;
            }
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"expected an object naming a {typeToConvert.Name} variant");
            reader.Read();
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException($"expected one {typeToConvert.Name} variant, found none");
            var name = reader.GetString()!;
            if (!byName.TryGetValue(name, out var caseType))
                throw new JsonException($"unknown variant '{name}', expected one of {string.Join(", ", byName.Keys)}");
            reader.Read();
            var value = (T?)JsonSerializer.Deserialize(ref reader, caseType, options)
                        ?? throw new JsonException($"variant '{name}' must be an object");
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException($"expected exactly one {typeToConvert.Name} variant");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var (_, byType) = CasesOf(typeof(T));
            if (!byType.TryGetValue(value.GetType(), out var name))
                throw new JsonException($"{value.GetType().Name} is not a case of {typeof(T).Name}");
            writer.WriteStartObject();
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
            writer.WriteEndObject();
        }
    }
}
