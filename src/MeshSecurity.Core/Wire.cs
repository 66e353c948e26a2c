using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshSecurity.Core;

/// <summary>
/// The JSON used on the wire (packet data, acks, contract messages in events): snake_case, closed families
/// externally tagged (<c>{"grant_claim":{...}}</c>), amounts and decimals as strings; strict on read
/// (unknown fields and missing constructor parameters are errors), so a malformed packet is refused, not guessed at.
/// </summary>
public static class Wire
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>
    /// For JSON this module wrote itself (a query's answer that crossed nodes): a null it left out reads back as null,
    /// where a message from outside must name every field.
    /// </summary>
    private static readonly JsonSerializerOptions Written = Create(requireAll: false);

    private static JsonSerializerOptions Create(bool requireAll = true)
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectRequiredConstructorParameters = requireAll,
            RespectNullableAnnotations = true,
            WriteIndented = false,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        o.Converters.Add(new ExternallyTaggedConverterFactory());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    public static byte[] Encode<T>(T value) where T : notnull =>
        JsonSerializer.SerializeToUtf8Bytes(value, WireType(value.GetType()), Options);

    public static string ToJson(object value) => JsonSerializer.Serialize(value, WireType(value.GetType()), Options);

    /// <summary>A case of an externally tagged family is written as its family, so the tag is never lost.</summary>
    private static Type WireType(Type t)
    {
        for (var b = t.BaseType; b is not null; b = b.BaseType)
            if (b.IsAbstract && Attribute.IsDefined(b, typeof(ExternallyTaggedAttribute), inherit: false)) return b;
        return t;
    }

    /// <summary>
    /// A query's answer as <typeparamref name="T"/>: the object itself when the contract answered in this process, or
    /// read from its JSON when the answer crossed nodes (a cluster's driver).
    /// </summary>
    public static T As<T>(object? answer) => answer switch
    {
        T typed => typed,
        JsonElement json => json.Deserialize<T>(Written) ?? throw new JsonException($"a query answered null, not {typeof(T).Name}"),
        _ => throw new InvalidCastException($"a query answered {answer?.GetType().Name ?? "null"}, not {typeof(T).Name}"),
    };

    /// <summary>Decodes or raises a parse error that names the target type and the reason.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> bytes) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options)
                   ?? throw new Errors.StdError.ParseError(typeof(T).Name, "null", "expected an object").Raise();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException or MissingMethodException or FormatException)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            throw new Errors.StdError.ParseError(typeof(T).Name, text.Length > 200 ? text[..200] + "..." : text, ex.Message).Raise();
        }
    }
}
