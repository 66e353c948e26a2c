using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Reads the fields of one HOCON object by name, reporting type errors and missing required keys; <see cref="Finish"/>
/// reports every key that is not allowed, with a "did you mean" when one is close.
/// </summary>
internal sealed class ObjectReader
{
    private readonly ParseContext _ctx;
    private readonly List<string> _allowed;
    private readonly List<(string Key, HoconNode Node)> _fields;

    public ObjectReader(ParseContext ctx, HoconNode node, IEnumerable<string> allowed)
    {
        _ctx = ctx;
        Path = node.Path;
        _allowed = [.. allowed];
        _fields = node.Fields.Select(kv => (kv.Key, new HoconNode(kv.Value, KeyPath.Child(node.Path, kv.Key)))).ToList();
    }

    public string Path { get; }

    public ParseContext Context => _ctx;

    public IEnumerable<string> Keys => _fields.Select(f => f.Key);

    public void Allow(params string[] keys) => _allowed.AddRange(keys);

    public string PathOf(string key) => KeyPath.Child(Path, key);

    public bool Has(string key) => _fields.Any(f => f.Key == key);

    public HoconNode? Node(string key)
    {
        foreach (var (k, n) in _fields)
            if (k == key) return n;
        return null;
    }

    /// <summary>Reports the key as missing (at the object that lacks it) when <paramref name="required"/>; returns the node otherwise.</summary>
    public HoconNode? Get(string key, bool required, string expected)
    {
        var node = Node(key);
        if (node is null && required) Missing(key, expected);
        return node;
    }

    public void Missing(string key, string expected) =>
        _ctx.Error(PathOf(key), $"missing required key \"{key}\" (expected {expected})", Path);

    public string? Text(string key, bool required, string expected = "a string") =>
        Get(key, required, expected) is { } n ? _ctx.Text(n, expected) : null;

    public string? Name(string key, bool required, string what) =>
        Get(key, required, what) is { } n ? _ctx.Name(n, what) : null;

    /// <summary>
    /// A seed: an integer or a string. An unquoted number that is not an integer (1.5, 1e3) is refused: it reads like a
    /// number the run would use as one, while a seed is only ever text; quoted ("1.5") it is an ordinary string.
    /// </summary>
    public string? Seed(string key)
    {
        const string expected = "a seed (an integer or a string)";
        if (Get(key, false, expected) is not { } n || _ctx.Text(n, expected) is not { } text) return null;
        // an empty seed is almost always an unset variable ("$SEED"); gen and run --seed refuse it too
        if (string.IsNullOrWhiteSpace(text))
        {
            _ctx.Error(n.Path, $"expected {expected}, got an empty string (leave {key} out for its default)");
            return null;
        }
        if (_ctx.Map.Quoted(n.Path) || !ValueParsers.LooksLikeFraction(text)) return text;
        _ctx.Error(n.Path, $"expected {expected}, got {text}, a number that is not an integer (quote it to use it as text: \"{text}\")");
        return null;
    }

    public Amount? Amount(string key, bool required, string? denom) =>
        Get(key, required, ValueParsers.AmountExample(denom)) is { } n ? _ctx.Amount(n, denom) : null;

    public Dec? Dec(string key, bool required) =>
        Get(key, required, ValueParsers.DecimalExample) is { } n ? _ctx.Dec(n) : null;

    public Duration? Duration(string key, bool required) =>
        Get(key, required, ValueParsers.DurationExample) is { } n ? _ctx.Duration(n) : null;

    public long? Integer(string key, bool required, long min, long max)
    {
        var expected = $"a whole number from {min} to {max}";
        if (Get(key, required, expected) is not { } n) return null;
        if (!_ctx.Convert(n, expected, ValueParsers.TryInt, out long v)) return null;
        if (v >= min && v <= max) return v;
        _ctx.Error(n.Path, $"expected {expected}, got {v}");
        return null;
    }

    public T? Choice<T>(string key, bool required, IReadOnlyDictionary<string, T> options, string what) where T : struct =>
        Get(key, required, $"{what}: {string.Join(", ", options.Keys)}") is { } n ? _ctx.Choice(n, options, what) : null;

    public ObjectReader? Object(string key, bool required, string what, params string[] allowed) =>
        Get(key, required, $"{what} (an object {{ ... }})") is { } n ? _ctx.Object(n, what, allowed) : null;

    public IReadOnlyList<HoconNode>? List(string key, bool required, string what) =>
        Get(key, required, $"{what} (a list [ ... ])") is { } n ? _ctx.List(n, what) : null;

    /// <summary>Reports the keys that are not allowed here.</summary>
    public void Finish(string? context = null)
    {
        foreach (var (key, node) in _fields)
        {
            if (_allowed.Contains(key)) continue;
            var where = context is null ? "" : $" {context}";
            var hint = Suggestions.Closest(key, _allowed) is { } s
                ? $" (did you mean \"{s}\"?)"
                : $"; expected one of: {string.Join(", ", _allowed)}";
            _ctx.Error(node.Path, $"unknown key \"{key}\"{where}{hint}");
        }
    }
}
