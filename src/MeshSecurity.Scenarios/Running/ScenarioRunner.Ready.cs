using MeshSecurity.Core.Staking;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>The last run's events.jsonl, while it is written; null without an output folder.</summary>
    private EventsFile? _eventsFile;

    /// <summary>
    /// How the last run writes an event in events.jsonl (times from its readiness, its names of addresses), to format an
    /// in-memory <see cref="History"/> as the file would hold it; null until the network is ready.
    /// </summary>
    public EventLines? EventLines => _last._eventLines;

    private EventLines? _eventLines;

    /// <summary>
    /// The network is ready (or will never be, its set-up refused): events.jsonl can count times from now, and the charts
    /// start from every validator's power now.
    /// </summary>
    private async Task ReadyAsync()
    {
        _eventLines = new EventLines(_t0, Names());
        _eventsFile?.Ready(_eventLines);
        var powers = new Dictionary<string, List<(string Validator, ulong Power)>>();
        foreach (var c in _scenario.Chains)
        {
            var state = await _net.StateAsync(c.Id);
            powers[c.Id] = [.. state.Staking.Validators.Values.Select(v => (v.Operator.Value, state.VotingPower(v.Operator)))];
        }
        _tally.Series.Ready(_t0, powers, Faults());
    }

    /// <summary>
    /// The faults the scenario injects, for the charts: instants, and the windows a link's relayer is stopped or its mesh
    /// channel closed.
    /// </summary>
    private List<ChartMarker> Faults()
    {
        var faults = new List<ChartMarker>();
        foreach (var step in _scenario.Steps)
        {
            switch (step)
            {
                case ScenarioStep.DoubleSign d:
                    faults.Add(new ChartMarker($"double-sign {d.Validator}", d.At, null, [d.Chain]));
                    break;
                case ScenarioStep.CrashChain c:
                    faults.Add(new ChartMarker($"crash {c.Chain}", c.At, null, [c.Chain]));
                    break;
                case ScenarioStep.Slash s:
                    faults.Add(new ChartMarker($"slash {s.Validator} {s.Fraction}", s.At, null, [s.Provider, s.Consumer]));
                    break;
                case ScenarioStep.RelayerStop r:
                    faults.Add(Window($"relayer {r.Provider}-{r.Consumer} stopped", r.At, r.Provider, r.Consumer,
                        x => x is ScenarioStep.RelayerStart start && (start.Provider, start.Consumer) == (r.Provider, r.Consumer)));
                    break;
                case ScenarioStep.Chaos { Fault: ChaosSpec.Heal }:
                    break;
                case ScenarioStep.Chaos { Fault.Lasting: false } c:
                    faults.Add(new ChartMarker(c.Fault.Describe(), c.At, null, c.Fault.Chains));
                    break;
                case ScenarioStep.Chaos c:
                    var healed = _scenario.Steps.FirstOrDefault(x => x.At >= c.At && x is ScenarioStep.Chaos { Fault: ChaosSpec.Heal })?.At;
                    var end = new[] { c.Until, healed, _scenario.Duration }.OfType<Duration>().Min();
                    faults.Add(new ChartMarker(c.Fault.Describe(), c.At, end, c.Fault.Chains));
                    break;
                case ScenarioStep.CloseChannel c:
                    faults.Add(Window($"mesh channel {c.Provider}-{c.Consumer} closed", c.At, c.Provider, c.Consumer,
                        x => x is ScenarioStep.ReopenChannel open && (open.Provider, open.Consumer) == (c.Provider, c.Consumer)));
                    break;
            }
        }
        faults.AddRange(LiveFaults());
        return faults;
    }

    /// <summary>
    /// A window on a link's two chains from <paramref name="from"/> to the first step that <paramref name="ends"/> it, or to
    /// the run's end.
    /// </summary>
    private ChartMarker Window(string label, Duration from, string provider, string consumer, Func<ScenarioStep, bool> ends) =>
        new(label, from, _scenario.Steps.FirstOrDefault(x => x.At >= from && ends(x))?.At ?? _scenario.Duration, [provider, consumer]);

    /// <summary>
    /// The scenario's names of the addresses a run's events mention: validators and accounts by their names, the helper
    /// accounts by their role, and each link's contracts by their role and link (by role alone when links share one).
    /// </summary>
    private Dictionary<string, string> Names()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in _scenario.Chains)
        {
            foreach (var v in c.Validators) names.TryAdd(ScenarioAddresses.Validator(c, v.Name).Value, v.Name);
            foreach (var a in c.Accounts) names.TryAdd(ScenarioAddresses.Account(c, a.Name).Value, a.Name);
            names.TryAdd(ScenarioAddresses.Watcher(c).Value, "watcher");
            names.TryAdd(ScenarioAddresses.Injector(c).Value, "injector");
            names.TryAdd(ScenarioAddresses.Keeper(c).Value, "keeper");
        }
        var contracts = _links.Values
            .SelectMany(l => new[]
            {
                (l.Lockup, "lockup", l), (l.Provider, "provider", l), (l.Slasher, "slasher", l), (l.Consumer, "consumer", l),
                (l.MetaStaking, "meta_staking", l),
            })
            .GroupBy(c => c.Item1.Value, StringComparer.Ordinal);
        foreach (var shared in contracts)
        {
            var (_, role, link) = shared.First();
            names.TryAdd(shared.Key, shared.Count() == 1 ? $"{role} {link.ProviderChain}->{link.ConsumerChain}" : role);
        }
        return names;
    }
}
