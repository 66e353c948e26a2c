using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Akka.Configuration;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Reads scenario files: HOCON parsed by Akka's own parser (<see cref="ConfigurationFactory.ParseString(string)"/>),
/// positions from <see cref="HoconScanner"/>, validation by <see cref="ScenarioBuilder"/>. Every error names the file,
/// line, column and key path; all errors of a file are reported together (a syntax error stops at the first).
/// </summary>
public static partial class ScenarioParser
{
    /// <summary>Parses and validates; throws <see cref="ScenarioException"/> with every error otherwise.</summary>
    public static Scenario Parse(string text, string fileName) =>
        TryParse(text, fileName, out var scenario, out var errors) ? scenario : throw new ScenarioException(errors);

    /// <summary>Reads the file and parses it; errors name the path as given.</summary>
    public static Scenario ParseFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses and validates without throwing; <paramref name="errors"/> is empty on success.</summary>
    public static bool TryParse(string text, string fileName, [NotNullWhen(true)] out Scenario? scenario,
        out IReadOnlyList<ScenarioError> errors) =>
        TryParse(text, fileName, [], out scenario, out errors);

    /// <summary>
    /// Parses with <paramref name="overrides"/> set over the file's keys (<see cref="ScenarioOverride"/>); an error about an
    /// overridden key says which param set it.
    /// </summary>
    public static bool TryParse(string text, string fileName, IReadOnlyList<ScenarioOverride> overrides,
        [NotNullWhen(true)] out Scenario? scenario, out IReadOnlyList<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        scenario = null;
        if (Hocon(text, fileName, out var map, out var config) is { } error)
        {
            errors = [error];
            return false;
        }

        var root = config.Root ?? new Akka.Configuration.Hocon.HoconValue();
        if (overrides.Count > 0)
        {
            errors = ScenarioOverrides.Apply(root, overrides, fileName, map);
            if (errors.Count > 0) return false;
        }

        var ctx = new ParseContext(fileName, map);
        var built = new ScenarioBuilder(ctx).Build(new HoconNode(root, ""));
        errors = [.. ctx.Errors.Select((e, i) => (e, i)).OrderBy(x => x.e.Line).ThenBy(x => x.e.Column).ThenBy(x => x.i)
            .Select(x => SetBy(x.e, overrides))];
        if (errors.Count > 0 || built is null) return false;
        scenario = built with { File = fileName };
        return true;
    }

    /// <summary>
    /// Akka's HOCON tree of <paramref name="text"/> and where its keys are; or the first error that stops reading it (a
    /// syntax error, a substitution cycle, a substitution of a substitution, an unresolved one).
    /// </summary>
    private static ScenarioError? Hocon(string text, string fileName, out HoconSourceMap map, out Config config)
    {
        config = Config.Empty;
        (map, var syntax) = HoconScanner.Scan(text);
        if (syntax is not null) return new ScenarioError(fileName, syntax.At.Line, syntax.At.Column, syntax.Path, syntax.Message);
        if (SubstitutionCycles.Find(map) is { } cycle)
        {
            var first = cycle[0];
            var chain = string.Join(" -> ", cycle.Select(c => c.Holder).Append(first.Holder));
            return new ScenarioError(fileName, first.At.Line, first.At.Column, first.Holder,
                $"substitution cycle: {chain} (a substitution cannot refer to itself, directly or through others)");
        }
        if (SubstitutionCycles.FindChain(map) is { } chained)
        {
            var (outer, inner) = chained;
            return new ScenarioError(fileName, outer.At.Line, outer.At.Column, outer.Holder,
                $"${{{outer.Reference}}} refers to a value that holds a substitution (${{{inner.Reference}}} at line {inner.At.Line}); " +
                "a substitution can only copy a value written out");
        }
        try
        {
            config = ConfigurationFactory.ParseString(text);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return AkkaError(fileName, text, map, e);
        }
    }

    /// <summary>An error about a key a param set (or about something under it) names the param.</summary>
    private static ScenarioError SetBy(ScenarioError e, IReadOnlyList<ScenarioOverride> overrides)
    {
        foreach (var o in overrides)
            if (o.KeyPath is { } k && (e.Key == k || e.Key.StartsWith(k + ".", StringComparison.Ordinal) ||
                                       e.Key.StartsWith(k + "[", StringComparison.Ordinal)))
                return e with { Message = $"{e.Message} (set by --param {o.Path}={o.Value})" };
        return e;
    }

    [GeneratedRegex("Unresolved substitution: (.+)$", RegexOptions.Multiline)]
    private static partial Regex UnresolvedSubstitution();

    /// <summary>An error Akka's parser raised (an unresolved substitution, mostly), placed where the scanner saw it.</summary>
    [GeneratedRegex("at position ([0-9]+)")]
    private static partial Regex AkkaPosition();

    private static ScenarioError AkkaError(string fileName, string text, HoconSourceMap map, Exception e)
    {
        var m = UnresolvedSubstitution().Match(e.Message);
        if (m.Success)
        {
            var reference = m.Groups[1].Value.Trim();
            foreach (var s in map.Substitutions)
                if (s.Reference == reference)
                    return new ScenarioError(fileName, s.At.Line, s.At.Column, s.Holder, $"unresolved substitution ${{{reference}}}: no such key");
        }
        var index = AkkaPosition().Match(e.Message) is { Success: true } p && int.TryParse(p.Groups[1].Value, out var i) && i >= 0
                    && i <= text.Length
            ? i
            : -1;
        var at = index >= 0 ? HoconScanner.PositionOf(text, index) : SourcePosition.Start;
        var message = e.Message.Split('\n')[0].Trim().TrimEnd(':');
        return new ScenarioError(fileName, at.Line, at.Column, "", $"HOCON: {message}{CommaHint(text, index)}");
    }

    /// <summary>
    /// Akka's parser refuses a comma after `key { ... }` (docs/scenarios.md, "links"), and says only "Unknown token": the
    /// way out, when the token is such a comma.
    /// </summary>
    private static string CommaHint(string text, int index)
    {
        if (index < 0 || index >= text.Length || text[index] != ',') return "";
        var before = text[..index].TrimEnd();
        if (before.Length == 0 || before[^1] != '}') return "";
        return " (Akka's parser refuses a comma after key { ... }: write key = { ... }, or end the line after the })";
    }
}
