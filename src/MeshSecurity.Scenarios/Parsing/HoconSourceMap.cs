namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Where each key path of a HOCON text was written: the key's position (for a list element, where the element
/// starts) and where its value starts. Built by <see cref="HoconScanner"/>; when a key is defined twice the last
/// definition wins, as in HOCON. Paths with no entry (values copied by a substitution) resolve to the nearest ancestor.
/// Kept as a tree of path segments, so its size is linear in the text however deep or long the keys are (a map of whole
/// paths grows with depth × key length per field), and a redefined key forgets what was below it at once.
/// </summary>
internal sealed class HoconSourceMap
{
    private readonly List<(string Reference, SourcePosition At, string Holder)> _substitutions = [];

    /// <summary>The document itself (path "").</summary>
    public Entry Root { get; } = new(null, "");

    /// <summary>A key path's node: its segment (a key as <see cref="KeyPath"/> prints it, or "[i]"), positions and children.</summary>
    internal sealed class Entry(Entry? parent, string segment)
    {
        private Dictionary<string, Entry>? _children;

        public Entry? Parent { get; } = parent;
        public string Segment { get; } = segment;

        /// <summary>The length of <see cref="Path"/>, without building it.</summary>
        public int PathLength { get; } = parent is null ? 0
            : parent.PathLength + (parent.PathLength > 0 && segment[0] != '[' ? 1 : 0) + segment.Length;
        public SourcePosition? Key { get; set; }
        public SourcePosition? Value { get; set; }

        /// <summary>Whether the value begins with a quoted string (Akka's tree no longer tells 1.5 from "1.5").</summary>
        public bool Quoted { get; set; }

        public bool HasChildren => _children is { Count: > 0 };

        /// <summary>The child, created when absent.</summary>
        public Entry Child(string segment)
        {
            _children ??= new(StringComparer.Ordinal);
            if (!_children.TryGetValue(segment, out var child)) _children[segment] = child = new Entry(this, segment);
            return child;
        }

        public Entry? Find(string segment) => _children is not null && _children.TryGetValue(segment, out var c) ? c : null;

        public void ClearChildren() => _children = null;

        public int Count => (Key is null ? 0 : 1) + (_children?.Values.Sum(c => c.Count) ?? 0);

        /// <summary>The printed path ("a.b[0].c"), built on demand (an error or a substitution needs it).</summary>
        public string Path
        {
            get
            {
                var segments = new List<string>();
                for (var e = this; e.Parent is not null; e = e.Parent) segments.Add(e.Segment);
                segments.Reverse();
                var sb = new System.Text.StringBuilder();
                foreach (var s in segments)
                {
                    if (sb.Length > 0 && s[0] != '[') sb.Append('.');
                    sb.Append(s);
                }
                return sb.ToString();
            }
        }
    }

    public int Count => Root.Count;

    public bool Contains(string path) => Find(path)?.Key is not null;

    public SourcePosition? Key(string path) => Find(path)?.Key;

    public SourcePosition? Value(string path) => Find(path)?.Value;

    public bool Quoted(string path) => Find(path)?.Quoted == true;

    /// <summary>The key's position, or its nearest recorded ancestor's, or the start of the file.</summary>
    public SourcePosition Locate(string path)
    {
        var found = SourcePosition.Start;
        var e = Root;
        foreach (var segment in KeyPath.Segments(path))
        {
            e = e.Find(segment);
            if (e is null) break;
            if (e.Key is { } k) found = k;
        }
        return found;
    }

    /// <summary>The value's position, or else the key's (or an ancestor's).</summary>
    public SourcePosition LocateValue(string path) => Find(path)?.Value ?? Locate(path);

    /// <summary>Substitutions as written: the path they refer to, where, and the key holding them.</summary>
    public IReadOnlyList<(string Reference, SourcePosition At, string Holder)> Substitutions => _substitutions;

    internal void AddSubstitution(string reference, SourcePosition at, Entry holder) => _substitutions.Add((reference, at, holder.Path));

    private Entry? Find(string path)
    {
        var e = Root;
        foreach (var segment in KeyPath.Segments(path))
        {
            e = e.Find(segment);
            if (e is null) return null;
        }
        return e;
    }
}
