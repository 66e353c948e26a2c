using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;

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

    /// <summary>
    /// Where the history goes: events.jsonl in the output folder, appended slice by slice (a resumed run writes it anew
    /// from genesis, or from its checkpoint on), and tally.jsonl when the run takes checkpoints; without a folder, a
    /// bounded history in memory.
    /// </summary>
    private EventsFile? Sink(NetworkLog log)
    {
        _history = null;
        _eventsFile = null;
        _eventLines = null;
        if (_options.OutDir is not { } dir)
        {
            log.Subscribe(_history = new EventHistory());
            return null;
        }
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "events.jsonl");
        var file = _resumeFrom is { } c
            ? new EventsFile(path, _options.Events, c.EventsBytes, c.EventsLines)
            : new EventsFile(path, _options.Events);
        log.Subscribe(file);
        if (_resumeFrom is null) ForgetCheckpoints(dir);
        if (NotCheckpointed() is null)
        {
            _tallyLog = new TallyLog(_net.System, dir, _resumeFrom?.TallyBytes);
            log.Subscribe(_tallyLog);
            _sinceCheckpoint.Restart();
        }
        return _eventsFile = file;
    }
}
