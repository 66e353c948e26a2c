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

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            WriteIndented = false,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        o.Converters.Add(new ExternallyTaggedConverterFactory());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    public static byte[] Encode<T>(T value) where T : notnull =>
        JsonSerializer.SerializeToUtf8Bytes(value, typeof(T), Options);

    public static string ToJson(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Decodes or raises a parse error that names the target type and the reason.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> bytes) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options)
                   ?? throw new Errors.StdError.ParseError(typeof(T).Name, "null", "expected an object").Raise();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            throw new Errors.StdError.ParseError(typeof(T).Name, text.Length > 200 ? text[..200] + "..." : text, ex.Message).Raise();
        }
    }
}
