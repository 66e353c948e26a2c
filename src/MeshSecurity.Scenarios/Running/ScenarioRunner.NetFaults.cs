using MeshSecurity.Core.Relaying;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>How many relayers race on the link (relayer.race): the latest race in force, else one.</summary>
    private int Racers(string provider, string consumer) =>
        _chaos.Values.OfType<ChaosSpec.RelayerRace>().LastOrDefault(x => (x.Provider, x.Consumer) == (provider, consumer))?.Relayers ?? 1;

    /// <summary>The latency the link's relayers draw from (net.latency): the latest in force, else null for the link's own.</summary>
    private LatencyModel? LatencyOf(string provider, string consumer) =>
        _chaos.Values.OfType<ChaosSpec.NetLatency>().LastOrDefault(x => x.Links.Contains((provider, consumer)))?.Latency.ToLatencyModel();

    /// <summary>True while a net.reorder holds on the link.</summary>
    private bool Reorders(string provider, string consumer) =>
        _chaos.Values.OfType<ChaosSpec.NetReorder>().Any(x => x.Links.Contains((provider, consumer)));

    /// <summary>The widest window of the net.reorder faults in force on the link (0: within each batch).</summary>
    private ulong ReorderWindow(string provider, string consumer) =>
        _chaos.Values.OfType<ChaosSpec.NetReorder>().Where(x => x.Links.Contains((provider, consumer)))
            .Select(x => x.Window?.Nanos ?? 0).DefaultIfEmpty(0UL).Max();

    /// <summary>
    /// Each link's redundant relays (<see cref="Core.Ibc.RedundantRelayCount"/>), read from the four channel ends of its mesh
    /// and ICS-20 channels at the end; null when no link had one, so report.json leaves the section out.
    /// </summary>
    private System.Collections.Immutable.ImmutableArray<Reporting.RunReport.RedundantRelayInfo>? RedundantRelays(
        IReadOnlyDictionary<string, Core.Chain.ChainState> states)
    {
        var result = new List<Reporting.RunReport.RedundantRelayInfo>();
        foreach (var l in _scenario.Links)
        {
            // a set-up that was refused installed no link
            if (!_links.TryGetValue((l.Provider, l.Consumer), out var link)) continue;
            var counts = new[] { link.MeshEnds, link.TransferEnds }
                .SelectMany(e => new[] { (e.ChainA, e.PortA, e.ChannelA), (e.ChainB, e.PortB, e.ChannelB) })
                .Select(e => states.GetValueOrDefault(e.Item1)?.Ibc.RedundantRelays.GetValueOrDefault($"{e.Item2}/{e.Item3}"))
                .OfType<Core.Ibc.RedundantRelayCount>().ToList();
            if (counts.Sum(c => c.Total) == 0) continue;
            result.Add(new(l.Provider, l.Consumer, counts.Sum(c => c.Receives), counts.Sum(c => c.Acks), counts.Sum(c => c.Timeouts)));
        }
        return result.Count == 0 ? null : [.. result];
    }
}
