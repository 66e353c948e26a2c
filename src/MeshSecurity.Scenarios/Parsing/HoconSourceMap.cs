namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Where each key path of a HOCON text was written: the key's position (for a list element, where the element
/// starts) and where its value starts. Built by <see cref="HoconScanner"/>; when a key is defined twice the last
/// definition wins, as in HOCON. Paths with no entry (values copied by a substitution) resolve to the nearest ancestor.
/// </summary>
internal sealed class HoconSourceMap
{
    private readonly Dictionary<string, SourcePosition> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourcePosition> _values = new(StringComparer.Ordinal);
    private readonly List<(string Reference, SourcePosition At, string Holder)> _substitutions = [];

    public int Count => _keys.Count;

    public bool Contains(string path) => _keys.ContainsKey(path);

    public SourcePosition? Key(string path) => _keys.TryGetValue(path, out var p) ? p : null;

    public SourcePosition? Value(string path) => _values.TryGetValue(path, out var p) ? p : null;

    /// <summary>The key's position, or its nearest recorded ancestor's, or the start of the file.</summary>
    public SourcePosition Locate(string path)
    {
        for (var p = path; ; p = KeyPath.Parent(p))
        {
            if (_keys.TryGetValue(p, out var pos)) return pos;
            if (p.Length == 0) return SourcePosition.Start;
        }
    }

    /// <summary>The value's position, or else the key's (or an ancestor's).</summary>
    public SourcePosition LocateValue(string path) => _values.TryGetValue(path, out var v) ? v : Locate(path);

    /// <summary>Substitutions as written: the path they refer to, where, and the key holding them.</summary>
    public IReadOnlyList<(string Reference, SourcePosition At, string Holder)> Substitutions => _substitutions;

    internal void SetKey(string path, SourcePosition at) => _keys[path] = at;

    internal void SetKeyIfAbsent(string path, SourcePosition at) => _keys.TryAdd(path, at);

    internal void SetValue(string path, SourcePosition at) => _values[path] = at;

    internal void AddSubstitution(string reference, SourcePosition at, string holder) => _substitutions.Add((reference, at, holder));

    /// <summary>Forgets everything below <paramref name="path"/> (a key redefined with a list or a plain value).</summary>
    internal void RemoveDescendants(string path)
    {
        var dot = path + ".";
        var bracket = path + "[";
        foreach (var k in _keys.Keys.Where(k => k.StartsWith(dot, StringComparison.Ordinal) || k.StartsWith(bracket, StringComparison.Ordinal)).ToList())
        {
            _keys.Remove(k);
            _values.Remove(k);
        }
    }
}
