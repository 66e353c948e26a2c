using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>One stretch of the nemesis with its own mix and pace: faults drawn from <paramref name="From"/> up to <paramref name="Until"/>.</summary>
    private sealed record NemesisPhase(Duration From, Duration Until, List<string> Faults, Duration Interval, Duration? FaultDuration);

    private static readonly string[] PhaseKeys = ["until", "faults", "interval", "fault-duration"];

    /// <summary>
    /// `phases = [ { until = 1h, faults = [...], interval = 5m }, ... ]`: each phase from the previous one's `until` (the
    /// first from the nemesis' `start`) to its own; what a phase leaves out is the nemesis' own `faults`, `interval` and
    /// `fault-duration`. Phases must come in time order without overlapping.
    /// </summary>
    private List<NemesisPhase>? ReadNemesisPhases(ObjectReader nemesis, Duration start, Duration? interval, Duration? faultDuration,
        List<string>? faults)
    {
        var elements = nemesis.List("phases", true, "a list of phases: { until, faults, interval, fault-duration }");
        if (elements is null) return null;
        var phases = new List<NemesisPhase>();
        var ok = true;
        var from = start;
        foreach (var element in elements)
        {
            var r = ctx.Object(element, "a phase", PhaseKeys);
            if (r is null) { ok = false; continue; }
            var until = r.Duration("until", true);
            var own = r.Has("faults") ? ReadNemesisFaults(r) : faults;
            var pace = r.Duration("interval", interval is null) ?? interval;
            var lasts = r.Duration("fault-duration", false) ?? faultDuration;
            r.Finish("in a nemesis phase");
            if (until is { } u && u <= from)
            {
                ctx.Error(r.PathOf("until"), phases.Count == 0
                    ? $"expected the first phase to end after the nemesis' start ({from}), got {u}"
                    : $"phases must come in time order without overlapping: expected an until after the previous phase's ({from}), got {u}");
                ok = false;
                continue;
            }
            if (!PaceOk(r, pace, lasts) || until is null || own is null || pace is null) { ok = false; continue; }
            phases.Add(new NemesisPhase(from, until.Value, own, pace.Value, lasts));
            from = until.Value;
        }
        if (ok && phases.Count == 0) ctx.Error(nemesis.PathOf("phases"), "expected at least one phase");
        return ok && phases.Count > 0 ? phases : null;
    }

    /// <summary>An interval and a fault-duration of at least 1s, where given (errors at the keys of <paramref name="r"/>).</summary>
    private bool PaceOk(ObjectReader r, Duration? interval, Duration? faultDuration)
    {
        var ok = true;
        if (interval is { Nanos: < Duration.NanosPerSecond })
        {
            ctx.Error(r.PathOf("interval"), $"expected an interval of at least 1s, got {interval}");
            ok = false;
        }
        if (faultDuration is { Nanos: < Duration.NanosPerSecond })
        {
            ctx.Error(r.PathOf("fault-duration"), $"expected a fault-duration of at least 1s, got {faultDuration}");
            ok = false;
        }
        return ok;
    }
}
