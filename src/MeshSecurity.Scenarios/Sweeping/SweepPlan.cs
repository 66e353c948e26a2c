using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Scenarios.Sweeping;

/// <summary>
/// What a sweep runs: every configuration (the cartesian product of the params' values, the first param varying
/// slowest), each parsed and checked before anything runs, and the seeds each one runs under: the scenario's own and
/// the next ones (an integer seed counts up, another gets "-1", "-2", ... appended).
/// </summary>
public sealed record SweepPlan(string Name, string File, ImmutableArray<SweepParam> Params, ImmutableArray<string> Seeds,
    ImmutableArray<SweepPlan.Configuration> Configurations)
{
    public sealed record Configuration(int Index, ImmutableArray<SweepReport.Setting> Values, Scenario Scenario)
    {
        public string Label => SweepReport.Label(Values);
    }

    /// <summary>The plan, or every error of every configuration (each naming the param that set a bad value).</summary>
    public static SweepPlan Prepare(string text, string fileName, IReadOnlyList<SweepParam> parameters, int seeds,
        out IReadOnlyList<ScenarioError> errors)
    {
        var all = new List<ScenarioError>();
        if (!ScenarioParser.TryParse(text, fileName, out var written, out var baseErrors))
        {
            errors = baseErrors;
            return null!;
        }
        var configurations = new List<Configuration>();
        foreach (var values in Product(parameters))
        {
            var overrides = values.Select(v => new ScenarioOverride(v.Param.Text, v.Param.Path, v.Value)).ToList();
            if (ScenarioParser.TryParse(text, fileName, overrides, out var scenario, out var e))
                configurations.Add(new Configuration(configurations.Count,
                    [.. values.Select(v => new SweepReport.Setting(v.Param.Path, v.Value))], scenario));
            else
                all.AddRange(e.Where(x => !all.Contains(x)));
        }
        errors = all;
        return new SweepPlan(written.Name, Path.GetFileName(fileName), [.. parameters], SeedsFrom(written.Seed, seeds),
            [.. configurations]);
    }

    public static ImmutableArray<string> SeedsFrom(string seed, int count)
    {
        if (BigInteger.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return [.. Enumerable.Range(0, count).Select(i => (n + i).ToString(CultureInfo.InvariantCulture))];
        return [.. Enumerable.Range(0, count).Select(i => i == 0 ? seed : $"{seed}-{i}")];
    }

    private static IEnumerable<List<(SweepParam Param, string Value)>> Product(IReadOnlyList<SweepParam> parameters)
    {
        IEnumerable<List<(SweepParam, string)>> result = [[]];
        foreach (var p in parameters)
            result = result.SelectMany(prefix => p.Values.Select(v => new List<(SweepParam, string)>(prefix) { (p, v) })).ToList();
        return result;
    }
}
