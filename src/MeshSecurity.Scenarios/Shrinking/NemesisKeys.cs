using System.Text.RegularExpressions;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Shrinking;

/// <summary>
/// The nemesis' own `interval` and `end` in a scenario's text, read and rewritten in place: keys of the nemesis object
/// itself, not of its phases (whose objects, lists and strings are passed over), so a nemesis can be made to draw fewer
/// faults (a longer interval) or stop sooner (an earlier end) before its draws are written out as steps.
/// </summary>
internal static class NemesisKeys
{
    /// <summary>The duration <paramref name="key"/> of the nemesis in <paramref name="text"/>; null without a nemesis or the key.</summary>
    public static Duration? Get(string text, Scenario scenario, string key) =>
        Find(text, scenario, key) is var (at, length) && Duration.TryParse(Unquoted(text.Substring(at, length)), out var d, out _)
            ? d
            : null;

    /// <summary><paramref name="text"/> with the nemesis' <paramref name="key"/> (which it has) set to <paramref name="value"/>.</summary>
    public static string Set(string text, Scenario scenario, string key, Duration value)
    {
        var (at, length) = Find(text, scenario, key) ?? throw new InvalidOperationException($"the nemesis has no {key}");
        return string.Concat(text.AsSpan(0, at), value.ToString(), text.AsSpan(at + length));
    }

    /// <summary>Where the value of the nemesis' own <paramref name="key"/> is in the text.</summary>
    private static (int At, int Length)? Find(string text, Scenario scenario, string key)
    {
        if (ScenarioText.NemesisSpan(text, scenario) is not { } span) return null;
        var open = text.IndexOf('{', span.Start);
        // the object's own level: nested objects and lists, strings and comments are blanked, offsets kept
        var level = text.ToCharArray(open, span.End - open);
        for (var i = 1; i < level.Length - 1; i++)
        {
            var end = level[i] switch
            {
                '{' or '[' => HoconSpans.EndOf(text, open + i) - open,
                '"' => text.IndexOf('"', open + i + 1) - open + 1,
                '#' => text.IndexOf('\n', open + i) - open,
                '/' when level[i + 1] == '/' => text.IndexOf('\n', open + i) - open,
                _ => i,
            };
            for (var j = i; j < end; j++) level[j] = ' ';
            i = Math.Max(i, end - 1);
        }
        var m = Regex.Match(new string(level), $@"(?<=[{{,\s]){Regex.Escape(key)}\s*[=:]\s*(?<value>""[^""\n]*""|[^,}}\s]+)",
            RegexOptions.CultureInvariant);
        return m.Success ? (open + m.Groups["value"].Index, m.Groups["value"].Length) : null;
    }

    private static string Unquoted(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
