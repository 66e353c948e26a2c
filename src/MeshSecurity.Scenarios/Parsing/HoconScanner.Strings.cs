using System.Text;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>The scanner's substitutions and quoted strings.</summary>
internal sealed partial class HoconScanner
{
    private const string PlainPathRule = "a substitution refers to a key path like ${scenario.duration}: letters, digits, '-' and '_' " +
        "separated by '.'";

    private void Substitution(HoconSourceMap.Entry path)
    {
        var at = _pos;
        if (PeekAt(1) != '{') throw Error(at, path, "unexpected '$' (a substitution is written ${path}; quote text that contains '$')");
        _pos += 2;
        if (Peek == '?') throw Error(at, path, "optional substitutions ${?...} are not supported");
        // read exactly as Akka's tokenizer does: the path is the unquoted text right after "${" and must be followed by
        // '}'. Akka reads "${ a }" as an empty path (the whole document, which then contains itself) and text "a", so
        // spaces are refused here rather than trimmed
        var start = _pos;
        while (!Eof && !char.IsWhiteSpace(Peek) && !AtComment && ForbiddenInUnquoted.IndexOf(Peek) < 0) _pos++;
        var reference = _text[start.._pos];
        if (Peek != '}')
        {
            var close = _text.IndexOf('}', _pos);
            if (close < 0 || _text.IndexOf('\n', _pos, close - _pos) >= 0)
                throw Error(at, path, "this substitution is never closed (expected '}')");
            var inside = _text[start..close].Trim();
            throw Error(at, path, IsPlainPath(inside)
                ? $"no spaces inside a substitution: write ${{{inside}}}"
                : $"{PlainPathRule}, got ${{{inside}}}");
        }
        if (reference.Length == 0) throw Error(at, path, "empty substitution ${}");
        // plain dotted keys only: Akka's resolver recurses without end on some other texts
        if (!IsPlainPath(reference))
            throw Error(at, path, $"{PlainPathRule}, got ${{{reference}}}");
        _pos++;
        if (_map.Substitutions.Count >= MaxSubstitutions)
            throw Error(at, path, $"more than {MaxSubstitutions} substitutions in one file");
        _map.AddSubstitution(reference, PositionOf(at), path);
    }

    private static bool IsPlainPath(string reference) =>
        reference.Split('.').All(k => k.Length > 0 && k.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    private string QuotedString(HoconSourceMap.Entry path)
    {
        var open = _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (Eof || IsNewline(Peek)) throw Error(open, path, "this string is never closed (expected '\"' before the end of the line)");
            var c = _text[_pos++];
            if (c == '"') return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            if (Eof) throw Error(open, path, "this string is never closed (expected '\"')");
            var e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length || !_text.AsSpan(_pos, 4).ToString().All(char.IsAsciiHexDigit))
                        throw Error(_pos - 2, path, "\\u must be followed by four hexadecimal digits");
                    sb.Append((char)Convert.ToInt32(_text.Substring(_pos, 4), 16));
                    _pos += 4;
                    break;
                default:
                    throw Error(_pos - 2, path, $"unknown escape \\{e} in a string (use \\\", \\\\, \\n, \\t or \\uXXXX)");
            }
        }
    }

    private void TripleQuotedString(HoconSourceMap.Entry path)
    {
        var open = _pos;
        _pos += 3;
        var end = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
        if (end < 0) throw Error(open, path, "this \"\"\" string is never closed");
        _pos = end + 3;
        while (Peek == '"') _pos++; // """a"""" ends with the last three quotes
    }
}
