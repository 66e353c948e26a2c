using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// Compares an expected JSON value with a query's answer. Scalars compare by their text, so "300" matches the number 300
/// and "true" the boolean (a HOCON value is a string unless it is true, false or null). Exactly: objects have the same
/// fields, lists the same length, all matching. In part: every field written must be there and match in part, a list has
/// the same length and each element matches in part (write {} for an element that may be anything).
/// </summary>
internal static class JsonMatch
{
    public static bool Matches(JsonNode? expected, JsonNode? actual, bool partial) => (expected, actual) switch
    {
        (null, null) => true,
        (JsonObject e, JsonObject a) => (partial || e.Count == a.Count) &&
                                        e.All(kv => a.TryGetPropertyValue(kv.Key, out var v) && Matches(kv.Value, v, partial)),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Select((x, i) => Matches(x, a[i], partial)).All(m => m),
        (JsonValue e, JsonValue a) => Text(e) == Text(a),
        _ => false,
    };

    /// <summary>A scalar's text: a string's content, a number or boolean as written.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>A reading's text for comparisons: a JSON string's content, anything else as it is.</summary>
    public static string Normalize(string reading)
    {
        try
        {
            return JsonNode.Parse(reading) is JsonValue v ? Text(v) : reading;
        }
        catch (JsonException)
        {
            return reading;
        }
    }
}
