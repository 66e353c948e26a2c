namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Key paths as errors print them: "links[0].relayer.latency.kind". A key that is not plain (letters, digits, '-',
/// '_') is quoted, so "a.b" as one key prints as "\"a.b\"". The scanner and the readers build paths the same way.
/// </summary>
internal static class KeyPath
{
    public static string Child(string parent, string key)
    {
        var k = IsPlain(key) ? key : Quote(key);
        return parent.Length == 0 ? k : parent + "." + k;
    }

    public static string Element(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The path one level up ("" for a top-level key).</summary>
    public static string Parent(string path)
    {
        if (path.Length == 0) return "";
        if (path[^1] == ']')
        {
            var open = path.LastIndexOf('[');
            return open <= 0 ? "" : path[..open];
        }
        // the last separator outside quotes
        var lastDot = -1;
        var quoted = false;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (quoted)
            {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == '.') lastDot = i;
        }
        return lastDot >= 0 ? path[..lastDot] : "";
    }

    /// <summary>The segment a key adds to a path: the key itself when plain, quoted otherwise.</summary>
    public static string Segment(string key) => IsPlain(key) ? key : Quote(key);

    /// <summary>A path's segments as <see cref="Child"/> and <see cref="Element"/> wrote them: "a.\"b.c\"[0]" is a, "b.c" quoted,
    /// [0].</summary>
    public static IEnumerable<string> Segments(string path)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= path.Length; i++)
        {
            var c = i < path.Length ? path[i] : '.';
            if (quoted)
            {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
                continue;
            }
            if (c == '"') quoted = true;
            else if (c is '.' or '[')
            {
                if (i > start) yield return path[start..i];
                start = c == '.' ? i + 1 : i;
            }
            else if (c == ']')
            {
                yield return path[start..(i + 1)];
                start = i + 1;
            }
        }
    }

    private static bool IsPlain(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Quote(string key) => "\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
