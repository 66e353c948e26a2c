namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// One key of a scenario set from outside the file (`meshsec sweep --param`): <paramref name="Path"/> as the user wrote
/// it, keys joined by '.' and list elements by their index ("links.0.cap" or "links[0].cap"), and
/// <paramref name="Value"/> as HOCON ("10%", "1000000000", "normalise", "{ kind = constant, price = \"0.5\" }").
/// <paramref name="Param"/> is the option as the user wrote it (with all its values), so that an error about the path
/// quotes it once; an error about the value names the path and this value.
/// </summary>
public sealed record ScenarioOverride(string Param, string Path, string Value)
{
    /// <summary>The path as errors print keys ("links[0].cap"); null when a segment is empty.</summary>
    public string? KeyPath
    {
        get
        {
            var segments = Segments();
            if (segments is null) return null;
            var path = "";
            foreach (var s in segments)
                path = int.TryParse(s, out var i) && i >= 0 ? Parsing.KeyPath.Element(path, i) : Parsing.KeyPath.Child(path, s);
            return path;
        }
    }

    /// <summary>The keys and indices of the path, "[0]" read as ".0"; null when one is empty ("links..cap").</summary>
    internal IReadOnlyList<string>? Segments()
    {
        var dotted = Path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
        var segments = dotted.Split('.');
        return segments.Any(s => s.Trim().Length == 0) ? null : segments.Select(s => s.Trim()).ToList();
    }
}
