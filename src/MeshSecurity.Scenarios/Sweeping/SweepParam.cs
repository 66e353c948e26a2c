using System.Collections.Immutable;

namespace MeshSecurity.Scenarios.Sweeping;

/// <summary>
/// One `--param path=v1,v2,...` of `meshsec sweep`: a scenario key and the values it takes, one configuration each
/// (crossed with the other params'). Values are split at commas outside brackets, braces and quotes, so
/// `prices.0.path={ kind = constant, price = "0.5" }` is one value.
/// </summary>
public sealed record SweepParam(string Text, string Path, ImmutableArray<string> Values)
{
    /// <summary>Reads the option's text; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static SweepParam? Parse(string text, out string error)
    {
        error = "";
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            error = $"--param {text}: expected path=value1,value2,... (for example links.0.cap=1000000,\"10%\")";
            return null;
        }
        var path = text[..eq].Trim();
        var values = Split(text[(eq + 1)..]);
        if (values.Count == 0 || values.Any(v => v.Length == 0))
        {
            error = $"--param {text}: every value after '=' must be written (an empty one was found)";
            return null;
        }
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            error = $"--param {text}: a value is given twice";
            return null;
        }
        return new SweepParam(text, path, [.. values]);
    }

    private static List<string> Split(string text)
    {
        var values = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ',';
            if (quoted)
            {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
                continue;
            }
            if (c == '"') quoted = true;
            else if (c is '{' or '[') depth++;
            else if (c is '}' or ']') depth--;
            else if (c == ',' && depth <= 0)
            {
                values.Add(text[start..Math.Min(i, text.Length)].Trim());
                start = i + 1;
            }
        }
        return values;
    }
}
