namespace MeshSecurity.Scenarios.Shrinking;

/// <summary>
/// Where a HOCON value ends, read from where it starts: a bracketed object or list up to its matching bracket, skipping
/// strings (quoted and triple-quoted) and comments, which may hold brackets of their own.
/// </summary>
internal static class HoconSpans
{
    /// <summary>The offset just past the bracket that closes the one at <paramref name="open"/> ('{' or '[').</summary>
    public static int EndOf(string text, int open)
    {
        if (open >= text.Length || text[open] is not ('{' or '['))
            throw new FormatException($"expected an object or a list at offset {open}");
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                i = text.AsSpan(i).StartsWith("\"\"\"") ? SkipTriple(text, i) : SkipQuoted(text, i);
                continue;
            }
            if (c == '#' || c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i = text.IndexOf('\n', i) is var nl and >= 0 ? nl : text.Length;
                continue;
            }
            if (c is '{' or '[') depth++;
            else if (c is '}' or ']' && --depth == 0) return i + 1;
        }
        throw new FormatException($"the bracket at offset {open} is never closed");
    }

    /// <summary>The offset of the first character at or after <paramref name="from"/> that is not blank or a comment.</summary>
    public static int SkipBlank(string text, int from)
    {
        var i = from;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) i++;
            else if (text[i] == '#' || text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
                i = text.IndexOf('\n', i) is var nl and >= 0 ? nl + 1 : text.Length;
            else break;
        }
        return i;
    }

    private static int SkipQuoted(string text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return i;
        }
        return text.Length;
    }

    private static int SkipTriple(string text, int start)
    {
        var end = text.IndexOf("\"\"\"", start + 3, StringComparison.Ordinal);
        if (end < 0) return text.Length;
        // a triple-quoted string may end with more quotes: they belong to it
        while (end + 3 < text.Length && text[end + 3] == '"') end++;
        return end + 2;
    }
}
