using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>A step that succeeded, judged by the events its transactions emitted: each event expected must be among them.</summary>
    private static (string Outcome, bool Ok) JudgeEvents(ScenarioStep step, IReadOnlyList<Event> emitted, string outcome)
    {
        var missing = step.ExpectEvents.Where(x => !emitted.Any(x.Matches)).ToList();
        if (missing.Count == 0) return (outcome + "; events emitted", true);
        var types = string.Join(", ", emitted.Select(e => e.Type).Distinct(StringComparer.Ordinal));
        return ($"{outcome}; no event {string.Join("; ", missing)} among those emitted ({types})", false);
    }
}
