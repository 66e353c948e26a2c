using Akka.Configuration.Hocon;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// A value of Akka's HOCON tree with the key path it was read at. Smooths over the parser's quirks: "[]" is a list
/// that IsArray() denies, "[ ]" holds one empty element, "null" is a literal whose string is null.
/// </summary>
internal readonly record struct HoconNode(HoconValue Value, string Path)
{
    public HoconNodeKind Kind
    {
        get
        {
            var values = Value.Values;
            if (values.Count == 0) return HoconNodeKind.Empty;
            if (Value.IsObject()) return HoconNodeKind.Object;
            if (values.Any(v => v is HoconArray || (v is HoconSubstitution s && s.ResolvedValue is { } r && IsList(r)))) return HoconNodeKind.List;
            if (Value.IsString()) return Value.GetString() is null ? HoconNodeKind.Null : HoconNodeKind.Text;
            return HoconNodeKind.Empty;
        }
    }

    private static bool IsList(HoconValue v) => v.Values.Any(x => x is HoconArray);

    /// <summary>The text of a literal (surrounding whitespace trimmed, as Akka does).</summary>
    public string Text => Value.GetString() ?? "";

    /// <summary>The fields of an object, in the order Akka keeps them.</summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> Fields => Value.GetObject().Items;

    /// <summary>The elements of a list, without the empty element Akka makes of "[ ]".</summary>
    public IReadOnlyList<HoconNode> Elements
    {
        get
        {
            var items = new List<HoconValue>();
            foreach (var v in Value.Values)
            {
                if (v is HoconArray a) items.AddRange(a);
                else if (v is HoconSubstitution { ResolvedValue: { } r }) items.AddRange(r.Values.OfType<HoconArray>().SelectMany(x => x));
            }
            var path = Path;
            return items.Where(x => x.Values.Count > 0).Select((x, i) => new HoconNode(x, KeyPath.Element(path, i))).ToList();
        }
    }

    /// <summary>How an error message names what was found instead: "an object", "a list", "null", or the quoted text.</summary>
    public string Describe() => Kind switch
    {
        HoconNodeKind.Object => "an object",
        HoconNodeKind.List => "a list",
        HoconNodeKind.Null => "null",
        HoconNodeKind.Empty => "nothing",
        _ => Quote(Text),
    };

    public static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
