using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// Paths into a JSON answer: field names separated by dots, list indices in brackets ("claims[0].amount", "[2]",
/// "stakes[1]"). A segment is a field name (string) or an index (int).
/// </summary>
public static class JsonPaths
{
    public static bool TryParse(string path, out ImmutableArray<object> segments, out string why)
    {
        var list = new List<object>();
        segments = [];
        why = "";
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0 ||
                    !int.TryParse(path.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    why = $"an index is a whole number in brackets, at character {i + 1}";
                    return false;
                }
                list.Add(index);
                i = close + 1;
                if (i < path.Length && path[i] == '.') i++;
                continue;
            }
            var end = path.IndexOfAny(['.', '['], i);
            if (end < 0) end = path.Length;
            if (end == i)
            {
                why = $"an empty field name at character {i + 1}";
                return false;
            }
            list.Add(path[i..end]);
            i = end < path.Length && path[end] == '.' ? end + 1 : end;
            if (end < path.Length && path[end] == '.' && i == path.Length)
            {
                why = "the path ends with a dot";
                return false;
            }
        }
        segments = [.. list];
        return true;
    }

    /// <summary>The value at <paramref name="path"/>, or a sentence saying where the path leads nowhere.</summary>
    public static (JsonNode? Value, string? Missing) Select(JsonNode? root, string path)
    {
        if (!TryParse(path, out var segments, out var why)) return (null, why);
        var node = root;
        var walked = "";
        foreach (var s in segments)
        {
            switch (s)
            {
                case string field when node is JsonObject o && o.TryGetPropertyValue(field, out var next):
                    node = next;
                    walked += (walked.Length == 0 ? "" : ".") + field;
                    break;
                case int index when node is JsonArray a && index < a.Count:
                    node = a[index];
                    walked += $"[{index}]";
                    break;
                default:
                    var at = walked.Length == 0 ? "the answer" : walked;
                    var what = node switch
                    {
                        JsonArray arr when s is int => $"it has {arr.Count}",
                        JsonObject obj when s is string => $"its fields: {string.Join(", ", obj.Select(kv => kv.Key))}",
                        _ => s is int ? "it is not a list" : "it is not an object",
                    };
                    return (null, s is int i ? $"{at} has no element [{i}] ({what})" : $"{at} has no field \"{s}\" ({what})");
            }
        }
        return (node, null);
    }
}
