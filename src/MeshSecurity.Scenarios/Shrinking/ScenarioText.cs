using System.Text;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Shrinking;

/// <summary>
/// A scenario file as text the shrinker cuts steps out of: the span of each step written in the file, and the nemesis'
/// draws written out as chaos steps (the nemesis block itself is left out), so that every fault is a step to keep or
/// drop. A step's own keys may be rendered with other values: its `at`, a fault's `for`, a written step's `amount`. The
/// run's duration is pinned to the original's, since dropping late steps would otherwise shorten it.
/// </summary>
internal sealed class ScenarioText
{
    private readonly string _text;
    private readonly List<(int Start, int End)> _written;
    private readonly List<string> _drawn;
    private readonly (int Start, int End)? _nemesis;
    private readonly int? _listEnd;
    private readonly Duration _duration;
    private readonly List<ScenarioStep> _steps;
    private readonly Dictionary<int, Duration> _lasting = [];
    private readonly Dictionary<int, Duration> _at = [];
    private readonly Dictionary<int, string> _amount = [];
    private readonly Dictionary<(int Step, string Key), string> _values = [];

    private ScenarioText(string text, List<(int, int)> written, List<string> drawn, (int, int)? nemesis, int? listEnd, Duration duration,
        List<ScenarioStep> steps) =>
        (_text, _written, _drawn, _nemesis, _listEnd, _duration, _steps) = (text, written, drawn, nemesis, listEnd, duration, steps);

    /// <summary>Steps to keep or drop: the file's own, in file order, then the nemesis' draws.</summary>
    public int Count => _written.Count + _drawn.Count;

    /// <summary>How long the fault of step <paramref name="index"/> lasts as rendered; null unless it is a fault with a `for`.</summary>
    public Duration? LastingOf(int index) =>
        _lasting.TryGetValue(index, out var d) ? d : _steps[index] is ScenarioStep.Chaos { For: { } f } ? f : null;

    /// <summary>Renders the fault of step <paramref name="index"/> lasting <paramref name="lasting"/> instead.</summary>
    public void SetLasting(int index, Duration lasting) => _lasting[index] = lasting;

    /// <summary>When step <paramref name="index"/> happens, as rendered.</summary>
    public Duration AtOf(int index) => _at.TryGetValue(index, out var at) ? at : _steps[index].At;

    /// <summary>Renders step <paramref name="index"/> at <paramref name="at"/> instead.</summary>
    public void SetAt(int index, Duration at) => _at[index] = at;

    /// <summary>
    /// The whole units of a written step's `amount` as rendered (a plain integer, or a coin's amount before its denom);
    /// null for a step without one, or a drawn step.
    /// </summary>
    public UInt128? AmountOf(int index)
    {
        if (index >= _written.Count) return null;
        var match = AmountMatch(index);
        return match.Success && UInt128.TryParse(match.Groups["units"].Value, out var units) ? units : null;
    }

    /// <summary>Renders a written step's `amount` as <paramref name="units"/>, its denom and quotes as they were.</summary>
    public void SetAmount(int index, UInt128 units)
    {
        var current = AmountMatch(index);
        var (quote, denom) = (current.Groups["quote"].Value, current.Groups["denom"].Value);
        _amount[index] = $"{quote}{units}{denom}{quote}";
    }

    /// <summary>The fault step <paramref name="index"/> injects (its `chaos`); null for another step.</summary>
    public string? FaultOf(int index) => _steps[index] is ScenarioStep.Chaos c ? c.Fault.Name : null;

    /// <summary>The value of a fault step's <paramref name="key"/> as rendered (quotes included); null when it has none.</summary>
    public string? ValueOf(int index, string key) =>
        Key(key).Match(index < _written.Count ? WrittenText(index) : DrawnText(index)) is { Success: true } m
            ? m.Groups["value"].Value
            : null;

    /// <summary>Renders a fault step's <paramref name="key"/> (which it has) as <paramref name="value"/> instead.</summary>
    public void SetValue(int index, string key, string value) => _values[(index, key)] = value;

    /// <summary>The `amount` of a written step, as rendered.</summary>
    private System.Text.RegularExpressions.Match AmountMatch(int index) => AmountKey.Match(
        _amount.TryGetValue(index, out var set) ? $"{{ amount = {set} }}" : _text[_written[index].Start.._written[index].End]);

    public static ScenarioText Of(string text, Scenario scenario)
    {
        var lines = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++) if (text[i] == '\n') lines.Add(i + 1);
        int Offset(SourceLocation l) => lines[l.Line - 1] + l.Column - 1;

        var own = scenario.Steps.Where(s => s is not ScenarioStep.Chaos { Source: "nemesis" }).OrderBy(s => Offset(s.Location)).ToList();
        var written = own.Select(s => Span(text, Offset(s.Location))).ToList();
        var draws = scenario.Steps.OfType<ScenarioStep.Chaos>().Where(s => s.Source == "nemesis").ToList();
        var drawn = draws.Select(s => Drawn(s, s.At, s.For)).ToList();
        var nemesis = NemesisSpan(text, scenario);
        int? listEnd = null;
        if (written.Count > 0)
        {
            var i = HoconSpans.SkipBlank(text, written.Max(w => w.Item2));
            if (i >= text.Length || text[i] != ']')
                throw new FormatException("the steps list's closing bracket was not found after its last step");
            listEnd = i;
        }
        return new ScenarioText(text, written, drawn, nemesis, listEnd, scenario.Duration, [.. own, .. draws]);
    }

    /// <summary>Where the nemesis is written, from its key to its closing brace; null without one (or with no draw).</summary>
    public static (int Start, int End)? NemesisSpan(string text, Scenario scenario)
    {
        if (scenario.Steps.OfType<ScenarioStep.Chaos>().FirstOrDefault(s => s.Source == "nemesis") is not { } n) return null;
        var key = Offset(text, n.Location);
        var open = text.IndexOf('{', key);
        if (open < 0) throw new FormatException("the nemesis is not written as an object: write it as nemesis { ... } to shrink it");
        return (key, HoconSpans.EndOf(text, open));
    }

    private static int Offset(string text, SourceLocation l)
    {
        var at = 0;
        for (var line = 1; line < l.Line; line++) at = text.IndexOf('\n', at) + 1;
        return at + l.Column - 1;
    }

    private static string Drawn(ScenarioStep.Chaos s, Duration at, Duration? lasting) =>
        $"{{ at = {at}, {s.Fault.ToHocon()}{(lasting is { } f ? $", for = {f}" : "")} }}";

    /// <summary>A written step's text, with its `at`, `for` and `amount` as set (each key is written once per step object).</summary>
    private string WrittenText(int index)
    {
        var (start, end) = _written[index];
        var step = _text[start..end];
        if (_lasting.TryGetValue(index, out var d)) step = Key("for").Replace(step, $"${{key}}{d}", 1);
        if (_at.TryGetValue(index, out var at)) step = Key("at").Replace(step, $"${{key}}{at}", 1);
        if (_amount.TryGetValue(index, out var amount)) step = Key("amount").Replace(step, $"${{key}}{amount}", 1);
        return WithValues(index, step);
    }

    /// <summary>A nemesis' draw as a step, with its `at`, `for` and other keys as set.</summary>
    private string DrawnText(int index) => WithValues(index, Drawn((ScenarioStep.Chaos)_steps[index], AtOf(index), LastingOf(index)));

    private string WithValues(int index, string step)
    {
        foreach (var ((i, key), value) in _values)
            if (i == index) step = Key(key).Replace(step, $"${{key}}{value}", 1);
        return step;
    }

    private bool Changed(int index) => _lasting.ContainsKey(index) || _at.ContainsKey(index) || _amount.ContainsKey(index)
        || _values.Keys.Any(k => k.Step == index);

    /// <summary>A step key and its value (quoted, or up to the next comma, brace or blank).</summary>
    private static System.Text.RegularExpressions.Regex Key(string key) =>
        new($@"(?<key>(?<=[{{,\s]){key}\s*[=:]\s*)(?<value>""[^""]*""|[^,}}\s]+)",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>An `amount`: whole units, then a denom when it is a coin ("250uosmo"), quoted or not.</summary>
    private static readonly System.Text.RegularExpressions.Regex AmountKey =
        new(@"(?<=[{,\s])amount\s*[=:]\s*(?<quote>""?)(?<units>[0-9]+)(?<denom>[A-Za-z][A-Za-z0-9/:._-]*)?\k<quote>(?=[\s,}])",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>A step's span: its object and a comma after it; its whole line when it stands alone on it.</summary>
    private static (int Start, int End) Span(string text, int start)
    {
        var end = HoconSpans.EndOf(text, start);
        var i = end;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        if (i < text.Length && text[i] == ',') end = i + 1;
        var lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        var j = end;
        while (j < text.Length && text[j] is ' ' or '\t' or '\r') j++;
        var alone = string.IsNullOrWhiteSpace(text[lineStart..start]) && (j == text.Length || text[j] == '\n');
        return alone ? (lineStart, Math.Min(text.Length, j + 1)) : (start, end);
    }

    /// <summary>The scenario with the steps of <paramref name="dropped"/> (indices from 0 to <see cref="Count"/>) left out.</summary>
    public string Render(IReadOnlySet<int> dropped)
    {
        // a cut with text puts that text in the step's place: a shortened fault
        var cuts = _written.Select((w, i) => (w.Start, w.End, Index: i))
            .Where(c => dropped.Contains(c.Index) || Changed(c.Index))
            .Select(c => (c.Start, c.End, Text: dropped.Contains(c.Index) ? null : WrittenText(c.Index))).ToList();
        if (_nemesis is { } n) cuts.Add((n.Start, n.End, null));
        var kept = _drawn.Select((d, j) => (Text: d, Index: _written.Count + j)).Where(d => !dropped.Contains(d.Index))
            .Select(d => Changed(d.Index) ? DrawnText(d.Index) : d.Text)
            .ToList();
        var sb = new StringBuilder();
        var at = 0;
        void CopyTo(int position)
        {
            if (position > at) sb.Append(_text, at, position - at);
            at = Math.Max(at, position);
        }
        // the drawn steps go in before the steps list closes, which comes before or after the nemesis block
        var insertAt = _listEnd is { } close && kept.Count > 0 ? close : -1;
        foreach (var (start, end, replacement) in cuts.OrderBy(c => c.Start))
        {
            if (insertAt >= 0 && insertAt <= start) Insert(ref insertAt);
            CopyTo(start);
            sb.Append(replacement);
            at = end;
        }
        if (insertAt >= 0) Insert(ref insertAt);
        CopyTo(_text.Length);
        if (_listEnd is null && kept.Count > 0)
        {
            sb.Append("\n# drawn by the nemesis\nsteps = [\n");
            foreach (var k in kept) sb.Append("  ").Append(k).Append('\n');
            sb.Append("]\n");
        }

        void Insert(ref int position)
        {
            CopyTo(position);
            sb.Append("  # drawn by the nemesis\n");
            foreach (var k in kept) sb.Append("  ").Append(k).Append('\n');
            position = -1;
        }

        // the original's length: without its last steps the run would end sooner than where it failed
        sb.Append("\nscenario.duration = ").Append(_duration).Append('\n');
        return sb.ToString();
    }
}
