using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Channels;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Live relayer and network faults (relayer.pause, starve, clear-interval, lag, batch-size, censor, race, net.loss,
/// net.latency, net.reorder, net.partition): the faults in force add up, per relayer path, to Core's
/// <see cref="RelayFaults"/> switches (and a partition pauses the links it splits), which each relayer is given
/// whenever they change, as the scenario runner's Reconcile gives them; heal gives every path none.
/// </summary>
public sealed partial class MeshNode
{
    /// <summary>The relayer faults in force per run instance, in the order they came (the latest of a kind holds).</summary>
    private readonly Dictionary<string, List<RelayFault>> _relayFaults = new(StringComparer.Ordinal);

    /// <summary>The switches each relayer path was last given.</summary>
    private readonly Dictionary<(string Instance, string Channel), RelaySwitches> _relaySent = [];

    /// <param name="Links">The links it acts on (provider, consumer).</param>
    /// <param name="StartNanos">The provider chain's time when it came: a clearing interval counts from it.</param>
    private sealed record RelayFault(string Fault, ImmutableArray<(string Provider, string Consumer)> Links, ChaosArgs Args,
        ulong StartNanos, string Shown);

    private sealed record RelaySwitches(string Provider, string Consumer, bool Paused, RelayFaults Faults);

    private static bool IsRelayFault(string fault) => fault is "relayer.pause" or "relayer.starve" or "relayer.clear-interval"
        or "relayer.lag" or "relayer.batch-size" or "relayer.censor" or "relayer.race" or "net.loss" or "net.latency"
        or "net.reorder" or "net.partition";

    private List<RelayFault> RelayFaultsOf(string instance)
    {
        if (!_relayFaults.TryGetValue(instance, out var faults)) _relayFaults[instance] = faults = [];
        return faults;
    }

    private (string Chain, ImmutableArray<string> Targets, Func<Task> Act) ApplyRelayFault(Hosted run, ChaosRequest.Inject m, RunView view)
    {
        var (fault, args) = (m.Fault.Name, m.Args);
        var sides = fault == "net.partition" ? Sides(args, view) : [];
        ImmutableArray<(string Provider, string Consumer)> links = fault switch
        {
            "net.partition" =>
                [.. view.Links.Where(l => sides.First(s => s.Contains(l.Provider)) != sides.First(s => s.Contains(l.Consumer)))],
            _ when m.Provider is null => view.Links,
            _ => [(m.Provider, m.Consumer!)],
        };
        var shown = fault == "net.partition"
            ? $"{fault} {string.Join(" | ", sides.Select(s => string.Join(",", s)))}"
            : $"{fault} {string.Join(",", links.Select(l => $"{l.Provider}->{l.Consumer}"))}"
              + (args.Shown.Length > 0 ? " " + args.Shown : "");
        var start = view.States[links.IsEmpty ? view.States.Keys.First() : links[0].Provider].Time.Nanos;
        RelayFaultsOf(run.Spec.Instance).Add(new RelayFault(fault, links, args, start, shown));
        ImmutableArray<string> targets = [.. links.SelectMany(l => PathsOf(l.Provider, l.Consumer)).Where(ch => fault switch
        {
            "relayer.pause" => Covers(args.Channel, ch),
            "relayer.starve" => Covers(args.Packet == "transfer" ? "ics20" : "mesh", ch),
            _ => true,
        })];
        var chain = fault == "net.partition" || links.Length != 1 ? "" : links[0].Provider;
        var tasks = ReconcileRelays(run);
        return (chain, targets, () => Task.WhenAll(tasks));
    }

    /// <summary>Gives each relayer path of the links the faults touch (or touched) the switches they now add up to.</summary>
    private List<Task> ReconcileRelays(Hosted run)
    {
        var instance = run.Spec.Instance;
        var faults = RelayFaultsOf(instance);
        var stopped = FaultsOf(run).Values.Where(f => f.Fault == "relayer.stop").Select(f => (f.Provider, f.Consumer)).ToHashSet();
        var links = faults.SelectMany(f => f.Links)
            .Concat(_relaySent.Where(kv => kv.Key.Instance == instance).Select(kv => (kv.Value.Provider, kv.Value.Consumer)))
            .Distinct().ToList();
        var tasks = new List<Task>();
        foreach (var (p, c) in links)
        {
            var on = faults.Where(f => f.Links.Contains((p, c))).ToList();
            foreach (var channel in PathsOf(p, c))
            {
                var want = new RelaySwitches(p, c, on.Any(f => f.Fault == "net.partition"), Switches(on, p, c, channel));
                var had = _relaySent.GetValueOrDefault((instance, channel), new RelaySwitches(p, c, false, RelayFaults.None));
                if (want == had) continue;
                if (want.Paused || want.Faults != RelayFaults.None) _relaySent[(instance, channel)] = want;
                else _relaySent.Remove((instance, channel));
                if (had.Faults != want.Faults)
                    tasks.Add(run.Channels.Ask<ChannelReply.Info>(new ChannelCommand.SetFaults(channel, want.Faults), ChaosTimeout));
                // a relayer.stop in force keeps the link stopped when its partition ends (its start or heal resumes it)
                if (had.Paused != want.Paused && (want.Paused || !stopped.Contains((p, c))))
                    tasks.Add(run.Channels.Ask<ChannelReply.Info>(
                        want.Paused ? new ChannelCommand.Pause(channel) : new ChannelCommand.Resume(channel), ChaosTimeout));
            }
        }
        return tasks;
    }

    /// <summary>What the faults on a link make of one of its relayer paths' switches (ScenarioRunner's Reconcile and OnChannel).</summary>
    private static RelayFaults Switches(List<RelayFault> on, string provider, string consumer, string channel)
    {
        RelayFault? Latest(string fault, Func<RelayFault, bool>? also = null) =>
            on.LastOrDefault(f => f.Fault == fault && (also?.Invoke(f) ?? true));
        var paused = on.Where(f => f.Fault == "relayer.pause" && Covers(f.Args.Channel, channel))
            .SelectMany(f => f.Args.Direction switch
            {
                "to-consumer" => [consumer],
                "to-provider" => [provider],
                _ => new[] { provider, consumer },
            }).ToImmutableSortedSet(StringComparer.Ordinal);
        var starve = Latest("relayer.starve", f => Covers(f.Args.Packet == "transfer" ? "ics20" : "mesh", channel));
        var clearing = Latest("relayer.clear-interval");
        return new RelayFaults(
            on.Where(f => f.Fault == "relayer.lag").Select(f => f.Args.Nanos).DefaultIfEmpty(0UL).Max(),
            on.Where(f => f.Fault == "net.loss").Select(f => double.Parse(f.Args.Fraction!, CultureInfo.InvariantCulture))
                .DefaultIfEmpty(0).Max(),
            Latest("relayer.batch-size")?.Args.Size,
            Latest("relayer.censor")?.Args.Packet,
            paused.IsEmpty ? null : paused,
            starve is null ? null : new StarveSpec(starve.Args.Direction switch
            {
                "to-consumer" => provider,
                "to-provider" => consumer,
                _ => null,
            }, starve.Args.Packet),
            clearing?.Args.Nanos ?? 0,
            clearing?.StartNanos ?? 0,
            Racers: on.Where(f => f.Fault == "relayer.race").Select(f => f.Args.Size ?? 2).DefaultIfEmpty(1).Max(),
            Latency: Latest("net.latency")?.Args.Latency,
            Reorder: on.Any(f => f.Fault == "net.reorder"),
            ReorderWindowNanos: on.Where(f => f.Fault == "net.reorder").Select(f => f.Args.Nanos).DefaultIfEmpty(0UL).Max());
    }

    /// <summary>True when a channel choice (mesh, ics20; null for both) names the relayer path.</summary>
    private static bool Covers(string? which, string channel) => which switch
    {
        "mesh" => channel.EndsWith("/mesh", StringComparison.Ordinal),
        "ics20" => channel.EndsWith("/transfer", StringComparison.Ordinal),
        _ => true,
    };

    /// <summary>Every relayer fault of the run ends: each path it touched gets no switch, and the paths it paused resume.</summary>
    private List<Task> HealRelays(Hosted run)
    {
        RelayFaultsOf(run.Spec.Instance).Clear();
        return ReconcileRelays(run);
    }
}
