using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Shrinking;

/// <summary>
/// `meshsec shrink`: cuts steps (faults first among them, the nemesis' draws written out as steps) from a failing
/// scenario while it still fails the same way (<see cref="ShrinkTarget"/>), by delta debugging: drop chunks of the steps
/// left, halving the chunks when none can go, then one step at a time; then it shrinks the keys of each step kept: a
/// lasting fault's `for` and a step's `amount` halved while it still fails, a fault's other keys halved towards their
/// smallest valid value (<see cref="FaultKeys"/>: a `delay`, a loss `fraction`...), and its `at` moved to an earlier time
/// (the step before it, or half-way there) or else a later one (the step after it) when that keeps the failure. Before
/// all that a nemesis is thinned while it is one: its `end` brought half-way to its `start` (while they are more than an
/// `interval` apart) and its `interval` doubled while the run still fails, so fewer draws are left to cut
/// (<see cref="NemesisKeys"/>). Each try is a whole run, deterministic, so a step kept is one the failure needs (for the
/// seed; a smaller scenario is not searched beyond the steps it has). A try whose text does not parse is never taken:
/// what it writes parses.
/// </summary>
public sealed class Shrinker(Func<Scenario, CancellationToken, Task<RunReport?>> run, Action<string>? progress = null)
{
    /// <param name="Shortened">How many of the faults kept were made to last less (their `for` halved while it still failed).</param>
    /// <param name="Reduced">How many of the steps kept were given a smaller `amount`.</param>
    /// <param name="Moved">How many of the steps kept were moved to another time.</param>
    /// <param name="Milder">
    /// How many of the faults kept had another key made smaller (a `delay`, a `fraction`...: <see cref="FaultKeys"/>).
    /// </param>
    /// <param name="Nemesis">How many of the nemesis' `interval` and `end` were changed (a longer interval, an earlier end).</param>
    public sealed record Result(ShrinkTarget? Target, string Text, int StepsBefore, int StepsAfter, int Runs, int Shortened = 0,
        int Reduced = 0, int Moved = 0, int Milder = 0, int Nemesis = 0);

    public async Task<Result> ShrinkAsync(string text, string fileName, int maxRuns, CancellationToken ct = default)
    {
        var scenario = ScenarioParser.Parse(text, fileName);
        var original = await run(scenario, ct) ?? throw new OperationCanceledException("the run stopped before its end");
        var runs = 1;
        var target = ShrinkTarget.Of(original);
        if (target is null) return new Result(null, text, scenario.Steps.Length, scenario.Steps.Length, runs);
        progress?.Invoke($"run 1 fails: {target.Said}");
        var before = scenario.Steps.Length;

        // a candidate text: parsed, run, and whether it fails the same way (a text that does not parse is never taken)
        async Task<Scenario?> Fails(string candidate, Func<bool, string> said)
        {
            if (!ScenarioParser.TryParse(candidate, fileName, out var s, out _)) return null;
            runs++;
            var report = await run(s, ct);
            var fails = report is not null && target.FailsIn(report);
            progress?.Invoke($"run {runs}: {said(fails)}");
            return fails ? s : null;
        }

        // the nemesis first, while it is one: fewer draws (a longer interval) and an earlier end leave fewer steps to cut
        var (nemesis, length) = (0, scenario.Duration);
        async Task<bool> Nemesis(string key, Func<Duration, Duration?> change)
        {
            var changed = false;
            while (runs < maxRuns && NemesisKeys.Get(text, scenario, key) is { } value && change(value) is { } next && next != value)
            {
                var candidate = NemesisKeys.Set(text, scenario, key, next);
                // the run's length stays the original's (an earlier end would shorten a run that lasts to end + quiet)
                var pinned = candidate + $"\nscenario.duration = {length}\n";
                if (await Fails(pinned, f => $"with the nemesis' {key} {next} it {(f ? "still fails" : "passes")}") is not { } s) break;
                (text, scenario, changed) = (candidate, s, true);
            }
            return changed;
        }
        // the end half-way to the start, then the interval doubled up to the run's length (one fault at most)
        if (await Nemesis("end", Earlier)) nemesis++;
        if (await Nemesis("interval", i => i < scenario.Duration ? Duration.FromSeconds(i.WholeSeconds * 2) : null)) nemesis++;

        // no shorter than one interval, past which it draws one fault at most
        Duration? Earlier(Duration end)
        {
            var start = NemesisKeys.Get(text, scenario, "start") ?? Duration.Zero;
            var interval = NemesisKeys.Get(text, scenario, "interval") ?? Duration.Zero;
            return end > start && end.Nanos - start.Nanos > interval.Nanos
                ? Duration.FromSeconds(start.WholeSeconds + (end.WholeSeconds - start.WholeSeconds) / 2)
                : null;
        }

        var source = ScenarioText.Of(text, scenario);
        var dropped = new HashSet<int>();

        async Task<bool> StillFails(IEnumerable<int> more)
        {
            var trial = new HashSet<int>(dropped);
            trial.UnionWith(more);
            var said = $"without {trial.Count} of {source.Count} steps it ";
            return await Fails(source.Render(trial), f => said + (f ? "still fails" : "passes")) is not null;
        }

        var chunks = 2;
        while (runs < maxRuns)
        {
            var left = Enumerable.Range(0, source.Count).Where(i => !dropped.Contains(i)).ToList();
            if (left.Count == 0) break;
            chunks = Math.Min(chunks, left.Count);
            var size = (left.Count + chunks - 1) / chunks;
            var cut = false;
            for (var c = 0; c < chunks && runs < maxRuns; c++)
            {
                var chunk = left.Skip(c * size).Take(size).ToList();
                if (chunk.Count == 0 || !await StillFails(chunk)) continue;
                dropped.UnionWith(chunk);
                cut = true;
                break;
            }
            if (cut) chunks = Math.Max(2, chunks - 1);
            else if (chunks >= left.Count) break;
            else chunks = Math.Min(left.Count, chunks * 2);
        }
        var kept = Enumerable.Range(0, source.Count).Where(i => !dropped.Contains(i)).ToList();

        // a key's value made smaller while the run still fails: set it, run, and put it back when the failure goes
        async Task<bool> Halving<T>(int i, Func<int, T?> read, Func<T, T?> half, Action<int, T> write) where T : struct
        {
            var changed = false;
            while (runs < maxRuns && read(i) is { } value && half(value) is { } smaller)
            {
                write(i, smaller);
                if (await StillFails([]))
                {
                    changed = true;
                    continue;
                }
                write(i, value);
                break;
            }
            return changed;
        }

        var shortened = 0;
        // each fault kept, as short as it still fails: its `for` halved (in whole seconds) until the failure goes
        foreach (var i in kept)
            if (await Halving<Duration>(i, source.LastingOf, Half, source.SetLasting)) shortened++;
        var reduced = 0;
        foreach (var i in kept)
            if (await Halving<UInt128>(i, source.AmountOf, a => a > 1 ? a / 2 : (UInt128?)null, source.SetAmount)) reduced++;
        // each fault kept, as mild as it still fails: its other keys halved (FaultKeys)
        var milder = 0;
        foreach (var i in kept)
        {
            var any = false;
            foreach (var (key, half) in source.FaultOf(i) is { } fault ? FaultKeys.Of(fault) : [])
                any |= await Halving<Halved>(i, j => source.ValueOf(j, key) is { } v ? new Halved(v) : null,
                    v => half(v.Text) is { } h ? new Halved(h) : null, (j, v) => source.SetValue(j, key, v.Text));
            if (any) milder++;
        }
        var moved = 0;
        foreach (var i in kept)
            if (await Moved(i)) moved++;
        return new Result(target, source.Render(dropped), before, source.Count - dropped.Count, runs, shortened, reduced, moved, milder,
            nemesis);

        // earlier first (with the step before it, then half-way to it), else later (with the step after it)
        async Task<bool> Moved(int i)
        {
            var at = source.AtOf(i);
            var times = kept.Where(k => k != i).Select(source.AtOf).ToList();
            var before = times.Where(t => t < at).DefaultIfEmpty(Duration.Zero).Max();
            var after = times.Where(t => t > at).DefaultIfEmpty(at).Min();
            var halfway = Duration.FromSeconds((before.WholeSeconds + at.WholeSeconds) / 2);
            foreach (var candidate in new[] { before, halfway, after }.Distinct().Where(t => t != at && t.Nanos > 0))
            {
                if (runs >= maxRuns) return false;
                source.SetAt(i, candidate);
                if (await StillFails([])) return true;
                source.SetAt(i, at);
            }
            return false;
        }
    }

    /// <summary>A key's value as written (Halving takes values, not references).</summary>
    private readonly record struct Halved(string Text);

    /// <summary>Half a fault's length in whole seconds, or null below two seconds (nothing shorter is worth a run).</summary>
    private static Duration? Half(Duration lasting)
    {
        var seconds = lasting.Nanos / Duration.NanosPerSecond / 2;
        return seconds >= 1 ? Duration.FromSeconds(seconds) : null;
    }
}
