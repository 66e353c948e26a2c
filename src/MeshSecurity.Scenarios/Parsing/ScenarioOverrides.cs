using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Sets <see cref="ScenarioOverride"/>s into a scenario's parsed HOCON before it is built, so an overridden value is
/// checked exactly as one written in the file. Every key and index up to the last must exist (a missing one is an error
/// with the keys that do, and a did-you-mean); the last key may be new, and the builder then checks it as any key.
/// </summary>
internal static class ScenarioOverrides
{
    /// <summary>Keys a sweep cannot set: it runs every configuration under its own seeds.</summary>
    private static readonly string[] Refused = ["scenario.seed"];

    public static IReadOnlyList<ScenarioError> Apply(HoconValue root, IReadOnlyList<ScenarioOverride> overrides, string file,
        HoconSourceMap map)
    {
        var errors = new List<ScenarioError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in overrides)
        {
            var message = ApplyOne(root, o, seen, out var near);
            if (message is null) continue;
            var at = map.Locate(near);
            errors.Add(new ScenarioError(file, at.Line, at.Column, o.KeyPath ?? o.Path, $"--param {o.Param}: {message}"));
        }
        return errors;
    }

    /// <summary>Sets one override; the error otherwise, with <paramref name="near"/> the deepest key found.</summary>
    private static string? ApplyOne(HoconValue root, ScenarioOverride o, HashSet<string> seen, out string near)
    {
        near = "";
        if (o.Segments() is not { } segments) return $"the path {Quote(o.Path)} has an empty key";
        var key = o.KeyPath!;
        if (Refused.Contains(string.Join('.', segments), StringComparer.Ordinal))
            return $"{key} is not a param: a sweep runs every configuration under the seeds --seeds gives";
        if (!seen.Add(key)) return $"{key} is set by two --param options";
        if (Parse(o.Value) is not { } value) return $"expected a HOCON value, got {Quote(o.Value)}";
        var current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var last = i == segments.Count - 1;
            var here = near.Length == 0 ? "the scenario" : near;
            if (current.IsArray())
            {
                var list = current.GetArray();
                if (!int.TryParse(segment, out var index) || index < 0 || index >= list.Count)
                    return $"{here} is a list of {list.Count}: expected an index from 0 to {list.Count - 1}, got {Quote(segment)}";
                near = KeyPath.Element(near, index);
                current = list[index];
            }
            else if (current.IsObject())
            {
                var items = current.GetObject().Items;
                if (!items.TryGetValue(segment, out var child))
                {
                    if (last)
                    {
                        items[segment] = value;
                        return null;
                    }
                    return $"{here} has no key {Quote(segment)}{Suggestions.DidYouMean(segment, items.Keys)}; it has " +
                        string.Join(", ", items.Keys.Order(StringComparer.Ordinal));
                }
                near = KeyPath.Child(near, segment);
                current = child;
            }
            else
            {
                return $"{here} is a single value: it has no key {Quote(segment)}";
            }
            if (last) Replace(current, value);
        }
        return null;
    }

    /// <summary>The value of "v = text", or null when the text is not one HOCON value.</summary>
    private static HoconValue? Parse(string text)
    {
        if (text.Trim().Length == 0) return null;
        var hocon = "v = " + text;
        // the scanner first: Akka's parser accepts some broken text silently and hangs on some
        var (map, syntax) = HoconScanner.Scan(hocon);
        if (syntax is not null || map.Substitutions.Count > 0) return null;
        try
        {
            var root = ConfigurationFactory.ParseString(hocon).Root.GetObject();
            return root.Items.Count == 1 && root.Items.TryGetValue("v", out var v) ? v : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>The target keeps its place (its list element, its key) and takes the new value's elements.</summary>
    private static void Replace(HoconValue target, HoconValue value)
    {
        target.Clear();
        foreach (var element in value.Values) target.AppendValue(element);
    }

    private static string Quote(string s) => HoconNode.Quote(s);
}
