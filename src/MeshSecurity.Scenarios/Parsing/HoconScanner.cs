namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Akka's HOCON parser keeps no source positions and accepts some broken text silently (an unclosed '{', an
/// unterminated string, "a = }"). This scanner walks the same text once, checks its structure, and records where
/// every key path is written (<see cref="HoconSourceMap"/>): dotted keys ("a.b.c = 1") give each segment its own
/// position, list elements get "[i]" paths, later definitions replace earlier ones. It stops at the first syntax
/// error (<see cref="HoconSyntaxError"/>); the values themselves are read by Akka's parser afterwards.
///
/// Scenario files use a subset of HOCON: no include, no "+=", no optional substitutions "${?x}", no concatenation of
/// different kinds of values (a list with a string, an object with a string).
/// </summary>
internal sealed partial class HoconScanner
{
    /// <summary>HOCON's characters that unquoted text cannot contain (Akka's tokenizer fails or even hangs on some).</summary>
    private const string ForbiddenInUnquoted = "$\"{}[]:=,+#`^?!@*&\\";

    /// <summary>Deeper nesting is refused (scenario files need a handful of levels; this keeps recursion bounded).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Each substitution copies a value, so their number bounds how much larger than the file its tree can be (with
    /// <see cref="SubstitutionCycles"/> refusing substitutions of values that hold substitutions).
    /// </summary>
    public const int MaxSubstitutions = 32;

    /// <summary>
    /// The longest key path ("chains[0].validators[3].stake" is 29): Akka's parser spends time in proportion to the
    /// path of every field it reads, so this keeps it linear in the text.
    /// </summary>
    public const int MaxPathLength = 1000;

    private readonly string _text;
    private readonly int[] _lineStarts;
    private readonly HoconSourceMap _map = new();
    private int _pos;
    private int _depth;

    private HoconScanner(string text)
    {
        _text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        _lineStarts = [.. starts];
    }

    /// <summary>Scans the text; the error is null when its structure is sound.</summary>
    public static (HoconSourceMap Map, HoconSyntaxError? Error) Scan(string text)
    {
        var scanner = new HoconScanner(text);
        try
        {
            scanner.Document();
            return (scanner._map, null);
        }
        catch (HoconSyntaxError e)
        {
            return (scanner._map, e);
        }
    }

    /// <summary>The 1-based line and column of a character index of <paramref name="text"/>.</summary>
    public static SourcePosition PositionOf(string text, int index) => new HoconScanner(text).PositionOf(index);

    /// <summary>The 1-based line and column of a character index.</summary>
    private SourcePosition PositionOf(int index)
    {
        var line = Array.BinarySearch(_lineStarts, index);
        if (line < 0) line = ~line - 1;
        return new(line + 1, index - _lineStarts[line] + 1);
    }

    private bool Eof => _pos >= _text.Length;
    private char Peek => _pos < _text.Length ? _text[_pos] : '\0';
    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';
    private bool Matches(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private HoconSyntaxError Error(int at, HoconSourceMap.Entry path, string message) => new(PositionOf(at), path.Path, message);

    private static bool IsNewline(char c) => c is '\n' or '\r';

    private bool AtComment => Peek == '#' || (Peek == '/' && PeekAt(1) == '/');

    private void Document()
    {
        if (Peek == '\uFEFF') _pos++;
        SkipAll();
        if (Peek == '{')
        {
            var open = _pos++;
            ObjectBody(_map.Root, open);
            SkipAll();
            if (!Eof) throw Error(_pos, _map.Root, $"unexpected {Describe(Peek)} after the '}}' that closes the document");
        }
        else
        {
            ObjectBody(_map.Root, -1);
        }
    }

    /// <summary>Fields until the '}' (<paramref name="open"/> ≥ 0: the index of its '{') or the end of the text.</summary>
    private void ObjectBody(HoconSourceMap.Entry path, int open)
    {
        while (true)
        {
            SkipAll();
            if (Eof)
            {
                if (open >= 0) throw Error(open, path, "this '{' is never closed (expected '}')");
                return;
            }
            switch (Peek)
            {
                case '}' when open >= 0:
                    _pos++;
                    return;
                case '}':
                    throw Error(_pos, path, "unexpected '}' (there is no '{' to close)");
                case ']':
                    throw Error(_pos, path, "unexpected ']' (there is no '[' to close)");
                case ',':
                    throw Error(_pos, path, "unexpected ',' (expected a key)");
            }
            Field(path);
            SkipInline();
            if (Eof || IsNewline(Peek) || Peek == '}') continue;
            if (Peek == ',') { _pos++; continue; }
            throw Error(_pos, path, $"expected a new line or ',' after a value, got {Describe(Peek)}");
        }
    }

    private void Field(HoconSourceMap.Entry parent)
    {
        if (LooksLikeInclude()) throw Error(_pos, parent, "include is not supported in scenario files");
        var segments = new List<(string Name, int At)>();
        while (true)
        {
            var at = _pos;
            string name;
            if (Peek == '"')
            {
                if (Matches("\"\"\"")) throw Error(at, parent, "a key cannot be a triple-quoted string");
                name = QuotedString(parent);
            }
            else
            {
                name = UnquotedKey();
                if (name.Length == 0) throw Error(at, parent, $"expected a key, got {Describe(Peek)}");
            }
            segments.Add((name, at));
            // each segment of "a.b.c" is a level of nesting: counting them here keeps a long dotted key linear
            if (_depth + segments.Count > MaxDepth)
                throw Error(at, parent, $"nested more than {MaxDepth} levels deep (counting each segment of a dotted key)");
            if (Peek != '.') break;
            _pos++;
        }

        var path = parent;
        for (var i = 0; i < segments.Count; i++)
        {
            path = path.Child(KeyPath.Segment(segments[i].Name));
            if (path.PathLength > MaxPathLength)
                throw Error(segments[i].At, parent, $"a key path longer than {MaxPathLength} characters");
            if (i < segments.Count - 1) path.Key ??= PositionOf(segments[i].At);
        }

        SkipInline();
        if (Matches("+=")) throw Error(_pos, path, "'+=' is not supported in scenario files (write the whole list)");
        if (Peek is '=' or ':')
        {
            _pos++;
            SkipAll();
            if (Eof || Peek is '}' or ']' or ',') throw Error(Eof ? _text.Length : _pos, path, "expected a value after '='");
        }
        else if (Peek != '{')
        {
            throw Error(Eof || IsNewline(Peek) ? segments[^1].At : _pos, path,
                Eof || IsNewline(Peek) ? "expected '=', ':' or '{' after the key" : $"expected '=', ':' or '{{' after the key, got {Describe(Peek)}");
        }

        // a key redefined with a list or a plain value forgets what was below it; objects merge
        if (Peek != '{') path.ClearChildren();
        path.Key = PositionOf(segments[^1].At);
        _depth += segments.Count - 1; // "a.b { ... }" is as deep as "a { b { ... } }"
        Value(path);
        _depth -= segments.Count - 1;
    }

    private enum Piece { None, Object, List, Text, Substitution }

    private void Value(HoconSourceMap.Entry path)
    {
        path.Value = PositionOf(_pos);
        path.Quoted = Peek == '"';
        var kind = Piece.None;
        var nextIndex = 0;
        while (true)
        {
            var at = _pos;
            Piece piece;
            if (Peek == '{')
            {
                piece = Piece.Object;
                Combine(ref kind, piece, at, path);
                Enter(at, path);
                _pos++;
                ObjectBody(path, at);
                _depth--;
            }
            else if (Peek == '[')
            {
                piece = Piece.List;
                Combine(ref kind, piece, at, path);
                Enter(at, path);
                nextIndex = ListBody(path, nextIndex);
                _depth--;
            }
            else if (Peek == '$')
            {
                piece = Piece.Substitution;
                Combine(ref kind, piece, at, path);
                Substitution(path);
            }
            else if (Peek == '"')
            {
                piece = Piece.Text;
                Combine(ref kind, piece, at, path);
                if (Matches("\"\"\"")) TripleQuotedString(path);
                else QuotedString(path);
            }
            else if (!Eof && !IsNewline(Peek) && !AtComment && !char.IsWhiteSpace(Peek) && ForbiddenInUnquoted.IndexOf(Peek) < 0)
            {
                piece = Piece.Text;
                Combine(ref kind, piece, at, path);
                UnquotedValue(path);
            }
            else
            {
                if (kind == Piece.None)
                    throw Error(_pos, path, Eof || IsNewline(Peek) ? "expected a value"
                        // HOCON keeps '+' out of unquoted text (it is for +=)
                        : Peek == '+' ? $"expected a value, got '+' (quote a signed value: \"+30s\")"
                        : $"expected a value, got {Describe(Peek)}");
                return;
            }

            // value concatenation: more pieces on the same line, separated by spaces or not at all
            var save = _pos;
            while (Peek is ' ' or '\t') _pos++;
            if (Eof || IsNewline(Peek) || AtComment || Peek is ',' or '}' or ']')
            {
                _pos = save;
                return;
            }
            if (Peek is '=' or ':')
                throw Error(_pos, path, $"unexpected '{Peek}' after a value (quote text that contains '{Peek}', e.g. \"2024-01-01T00:00:00Z\")");
        }
    }

    private void Enter(int at, HoconSourceMap.Entry path)
    {
        if (++_depth > MaxDepth) throw Error(at, path, $"nested more than {MaxDepth} levels deep");
    }

    private void Combine(ref Piece kind, Piece piece, int at, HoconSourceMap.Entry path)
    {
        if (kind == Piece.None) { kind = piece; return; }
        if (kind == piece && piece != Piece.Substitution) return;
        throw Error(at, path, $"cannot concatenate {Name(piece)} to {Name(kind)} here (separate values with a new line or ',')");

        static string Name(Piece p) => p switch
        {
            Piece.Object => "an object",
            Piece.List => "a list",
            Piece.Substitution => "a substitution",
            _ => "text",
        };
    }

    /// <summary>The elements of a list; returns the index the next concatenated list would start at.</summary>
    private int ListBody(HoconSourceMap.Entry path, int index)
    {
        var open = _pos++;
        while (true)
        {
            SkipAll();
            if (Eof) throw Error(open, path, "this '[' is never closed (expected ']')");
            if (Peek == ']') { _pos++; return index; }
            if (Peek == ',') throw Error(_pos, path, "unexpected ',' (expected a list element)");
            if (Peek == '}') throw Error(_pos, path, "unexpected '}' in a list (expected ']')");
            var element = path.Child($"[{index}]");
            element.ClearChildren();
            element.Key = PositionOf(_pos);
            Value(element);
            index++;
            SkipInline();
            if (Eof || IsNewline(Peek) || Peek == ']') continue;
            if (Peek == ',') { _pos++; continue; }
            throw Error(_pos, path, $"expected ',' or ']' after a list element, got {Describe(Peek)}");
        }
    }

    private string UnquotedKey()
    {
        var start = _pos;
        while (!Eof && !char.IsWhiteSpace(Peek) && Peek != '.' && !AtComment && ForbiddenInUnquoted.IndexOf(Peek) < 0) _pos++;
        return _text[start.._pos];
    }

    private void UnquotedValue(HoconSourceMap.Entry path)
    {
        while (!Eof && !char.IsWhiteSpace(Peek) && !AtComment)
        {
            var c = Peek;
            if (c is '=' or ':')
                throw Error(_pos, path, $"unexpected '{c}' in an unquoted value (quote text that contains '{c}', e.g. \"2024-01-01T00:00:00Z\")");
            if (c is '`' or '\\' or '+' or '^' or '?' or '!' or '@' or '*' or '&')
                throw Error(_pos, path, $"unexpected {Describe(c)} in an unquoted value (quote the value)");
            if (ForbiddenInUnquoted.IndexOf(c) >= 0) return;
            _pos++;
        }
    }

    private bool LooksLikeInclude()
    {
        if (!Matches("include")) return false;
        var i = _pos + "include".Length;
        if (i >= _text.Length || _text[i] is not (' ' or '\t')) return false;
        while (i < _text.Length && _text[i] is ' ' or '\t') i++;
        return i < _text.Length && (_text[i] == '"' || string.CompareOrdinal(_text, i, "file(", 0, 5) == 0
                                    || string.CompareOrdinal(_text, i, "url(", 0, 4) == 0
                                    || string.CompareOrdinal(_text, i, "classpath(", 0, 10) == 0
                                    || string.CompareOrdinal(_text, i, "required(", 0, 9) == 0);
    }

    /// <summary>Spaces, tabs and a comment up to (not including) the end of the line.</summary>
    private void SkipInline()
    {
        while (!Eof)
        {
            if (Peek is ' ' or '\t' or '\uFEFF' || (char.IsWhiteSpace(Peek) && !IsNewline(Peek))) _pos++;
            else if (AtComment) { while (!Eof && Peek != '\n') _pos++; if (_pos > 0 && _text[_pos - 1] == '\r') _pos--; }
            else return;
        }
    }

    /// <summary>Whitespace, new lines and comments.</summary>
    private void SkipAll()
    {
        while (!Eof)
        {
            SkipInline();
            if (IsNewline(Peek)) _pos++;
            else return;
        }
    }

    private static string Describe(char c) => c switch
    {
        '\0' => "the end of the file",
        '\n' or '\r' => "the end of the line",
        _ => $"'{c}'",
    };
}
