using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Shrinking;

/// <summary>
/// `meshsec shrink`: cuts steps (faults first among them, the nemesis' draws written out as steps) from a failing
/// scenario while it still fails the same way (<see cref="ShrinkTarget"/>), by delta debugging: drop chunks of the steps
/// left, halving the chunks when none can go, then one step at a time; then it shortens each lasting fault kept. Each try
/// is a whole run, deterministic, so a step kept is one the failure needs (for the seed; a smaller scenario is not
/// searched beyond the steps it has).
/// </summary>
public sealed class Shrinker(Func<Scenario, CancellationToken, Task<RunReport?>> run, Action<string>? progress = null)
{
    /// <param name="Shortened">How many of the faults kept were made to last less (their `for` halved while it still failed).</param>
    public sealed record Result(ShrinkTarget? Target, string Text, int StepsBefore, int StepsAfter, int Runs, int Shortened = 0);

    public async Task<Result> ShrinkAsync(string text, string fileName, int maxRuns, CancellationToken ct = default)
    {
        var scenario = ScenarioParser.Parse(text, fileName);
        var original = await run(scenario, ct) ?? throw new OperationCanceledException("the run stopped before its end");
        var runs = 1;
        var target = ShrinkTarget.Of(original);
        if (target is null) return new Result(null, text, scenario.Steps.Length, scenario.Steps.Length, runs);
        progress?.Invoke($"run 1 fails: {target.Said}");
        var source = ScenarioText.Of(text, scenario);
        var dropped = new HashSet<int>();

        async Task<bool> StillFails(IEnumerable<int> more)
        {
            var trial = new HashSet<int>(dropped);
            trial.UnionWith(more);
            if (!ScenarioParser.TryParse(source.Render(trial), fileName, out var s, out _)) return false;
            runs++;
            var report = await run(s, ct);
            var fails = report is not null && target.FailsIn(report);
            progress?.Invoke($"run {runs}: without {trial.Count} of {source.Count} steps it {(fails ? "still fails" : "passes")}");
            return fails;
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
        var shortened = 0;
        // then each fault kept, as short as it still fails: its `for` halved (in whole seconds) until the failure goes
        foreach (var i in Enumerable.Range(0, source.Count).Where(i => !dropped.Contains(i)))
        {
            var changed = false;
            while (runs < maxRuns && source.LastingOf(i) is { } lasting && Half(lasting) is { } half)
            {
                source.SetLasting(i, half);
                if (await StillFails([]))
                {
                    changed = true;
                    continue;
                }
                source.SetLasting(i, lasting);
                break;
            }
            if (changed) shortened++;
        }
        return new Result(target, source.Render(dropped), source.Count, source.Count - dropped.Count, runs, shortened);
    }

    /// <summary>Half a fault's length in whole seconds, or null below two seconds (nothing shorter is worth a run).</summary>
    private static Duration? Half(Duration lasting)
    {
        var seconds = lasting.Nanos / Duration.NanosPerSecond / 2;
        return seconds >= 1 ? Duration.FromSeconds(seconds) : null;
    }
}
