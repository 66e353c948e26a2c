using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>The file being read, its source map, and every error found so far.</summary>
internal sealed class ParseContext(string file, HoconSourceMap map)
{
    private readonly List<ScenarioError> _errors = [];

    public string File { get; } = file;
    public HoconSourceMap Map { get; } = map;
    public IReadOnlyList<ScenarioError> Errors => _errors;

    /// <summary>An error about <paramref name="key"/>, placed where <paramref name="positionOf"/> (default: the key) is written.</summary>
    public void Error(string key, string message, string? positionOf = null)
    {
        var at = Map.Locate(positionOf ?? key);
        _errors.Add(new ScenarioError(File, at.Line, at.Column, key, message));
    }

    public SourceLocation LocationOf(string path)
    {
        var at = Map.Locate(path);
        return new SourceLocation(File, at.Line, at.Column, path);
    }

    public delegate bool TryParse<T>(string text, out T value, out string detail);

    /// <summary>Converts a literal; reports "expected X, got Y (detail)" at the node otherwise.</summary>
    public bool Convert<T>(HoconNode node, string expected, TryParse<T> parse, out T value)
    {
        if (node.Kind != HoconNodeKind.Text)
        {
            value = default!;
            Error(node.Path, $"expected {expected}, got {node.Describe()}");
            return false;
        }
        if (parse(node.Text, out value, out var detail)) return true;
        Error(node.Path, $"expected {expected}, got {node.Describe()}" + (detail.Length > 0 ? $" ({detail})" : ""));
        return false;
    }

    public string? Text(HoconNode node, string expected = "a string") =>
        Convert(node, expected, (string s, out string v, out string d) => { v = s; d = ""; return true; }, out string text) ? text : null;

    /// <summary>A name (chain id, account, validator): letters, digits, '.', '_' and '-', at most 64 characters.</summary>
    public string? Name(HoconNode node, string what)
    {
        var text = Text(node, $"{what} (a name)");
        if (text is null) return null;
        if (ValueParsers.NamePattern().IsMatch(text)) return text;
        Error(node.Path, $"expected {what}: letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit), got {HoconNode.Quote(text)}");
        return null;
    }

    public Amount? Amount(HoconNode node, string? denom) =>
        Convert(node, ValueParsers.AmountExample(denom), (string s, out Amount v, out string d) => ValueParsers.TryAmount(s, denom, out v, out d), out Amount a) ? a : null;

    public Dec? Dec(HoconNode node) =>
        Convert(node, ValueParsers.DecimalExample, ValueParsers.TryDec, out Dec d) ? d : null;

    public Duration? Duration(HoconNode node) =>
        Convert(node, ValueParsers.DurationExample, ValueParsers.TryDuration, out Duration d) ? d : null;

    /// <summary>One of <paramref name="options"/>, with a suggestion when the text is close to one.</summary>
    public T? Choice<T>(HoconNode node, IReadOnlyDictionary<string, T> options, string what) where T : struct
    {
        var expected = $"{what}: {string.Join(", ", options.Keys)}";
        var text = Text(node, expected);
        if (text is null) return null;
        if (options.TryGetValue(text, out var v)) return v;
        Error(node.Path, $"unknown {what} {HoconNode.Quote(text)}{Suggestions.DidYouMean(text, options.Keys)}; expected one of: {string.Join(", ", options.Keys)}");
        return null;
    }

    public ObjectReader? Object(HoconNode node, string what, params string[] allowed)
    {
        if (node.Kind == HoconNodeKind.Object) return new ObjectReader(this, node, allowed);
        Error(node.Path, $"expected {what} (an object {{ ... }}), got {node.Describe()}");
        return null;
    }

    public IReadOnlyList<HoconNode>? List(HoconNode node, string what)
    {
        if (node.Kind == HoconNodeKind.List) return node.Elements;
        Error(node.Path, $"expected {what} (a list [ ... ]), got {node.Describe()}");
        return null;
    }
}
