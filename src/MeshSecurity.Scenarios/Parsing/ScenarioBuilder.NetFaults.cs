using System.Collections.Immutable;
using MeshSecurity.Scenarios.Generation;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>
    /// The smallest latency floor over the scenario's links: the time keeper's lookahead (docs/architecture.md). A
    /// net.latency below it is refused, since windows that long could then miss a delivery.
    /// </summary>
    private Duration _latencyFloor;

    /// <summary>`relayers = N` (2..8, default 2) racing on the link's channels.</summary>
    private ChaosSpec? ReadRace(ObjectReader r)
    {
        var (p, c, linked) = LinkRef(r);
        var relayers = r.Has("relayers") ? r.Integer("relayers", false, 2, 8) : ChaosSpec.RelayerRace.DefaultRelayers;
        return linked && relayers is not null ? new ChaosSpec.RelayerRace(p!, c!, (int)relayers.Value) : null;
    }

    /// <summary>The links a net fault names: the one of its provider and consumer, or every link when it names none.</summary>
    private (ImmutableArray<(string, string)> Links, bool All)? NetLinks(ObjectReader r, string name)
    {
        if (!BothOrNeither(r)) return null;
        if (r.Has("provider") || r.Has("consumer"))
        {
            var (p, c, linked) = LinkRef(r);
            return linked ? ([(p!, c!)], false) : null;
        }
        if (_linkOrder.Count > 0) return ([.. _linkOrder], true);
        ctx.Error(r.PathOf("chaos"), $"{name} acts on the links' relayers, and the scenario has no link");
        return null;
    }

    /// <summary>`latency = { kind = ..., ... }` (a link's relayer latency keys) and an optional `min-latency`.</summary>
    private ChaosSpec? ReadNetLatency(ObjectReader r)
    {
        var links = NetLinks(r, "net.latency");
        var latency = ReadFaultLatency(r);
        if (latency is null || links is null) return null;
        if (latency.Floor < _latencyFloor)
        {
            var key = r.Has("min-latency") ? r.PathOf("min-latency") : r.PathOf("latency");
            ctx.Error(key, $"expected a latency that never draws below {_latencyFloor}, the smallest floor of the links' " +
                $"relayers (the emulator's lookahead), got one with a floor of {latency.Floor}; raise its " +
                (latency is LatencySpec.LogNormal ? "min-latency" : latency is LatencySpec.Uniform ? "min" : "value") +
                ", or lower the links' min-latency");
            return null;
        }
        return new ChaosSpec.NetLatency(links.Value.Links, latency, links.Value.All);
    }

    /// <summary>
    /// net.latency's `latency` (a relayer latency object) and its optional `min-latency`: the step's, and `meshsec chaos
    /// net.latency`'s (<see cref="ScenarioParser.ParseFaultLatency"/>), which checks the floor against the run it acts on.
    /// </summary>
    internal LatencySpec? ReadFaultLatency(ObjectReader r)
    {
        if (!r.Has("latency"))
        {
            r.Missing("latency", "the links' latency while the fault holds: { kind = constant|uniform|lognormal, ... }");
            return null;
        }
        var latency = ReadLatency(r);
        if (latency is not null && r.Has("min-latency"))
            latency = r.Duration("min-latency", false) is { } floor ? WithFloor(r, latency, floor, given: true) : null;
        return latency;
    }

    /// <summary>An optional `window`: each delivery goes alone, up to that much later.</summary>
    private ChaosSpec? ReadReorder(ObjectReader r)
    {
        var links = NetLinks(r, "net.reorder");
        Duration? window = r.Has("window") ? r.Duration("window", false) : null;
        if (window is { Nanos: 0 })
        {
            ctx.Error(r.PathOf("window"), "expected a window above 0s (leave it out to shuffle within each batch)");
            return null;
        }
        if (links is null || (window is null && r.Has("window"))) return null;
        return new ChaosSpec.NetReorder(links.Value.Links, window, links.Value.All);
    }

    /// <summary>The nemesis' draw of one of these faults on the link (provider, consumer); null for the others.</summary>
    private static ChaosSpec? DrawNetFault(string name, string p, string c, SplitMix64 random, Duration floor)
    {
        switch (name)
        {
            case "relayer.race":
                return new ChaosSpec.RelayerRace(p, c, random.Between(2, 4));
            case "net.latency":
                // never below the links' smallest floor (the lookahead), up to two minutes above it
                var spread = Duration.FromSeconds((ulong)random.Between(5, 120));
                return new ChaosSpec.NetLatency([(p, c)], new LatencySpec.Uniform(floor, floor + spread), All: false);
            case "net.reorder":
                var window = random.Chance(0.5) ? Duration.FromSeconds((ulong)random.Between(5, 60)) : (Duration?)null;
                return new ChaosSpec.NetReorder([(p, c)], window, All: false);
            default:
                return null;
        }
    }

    /// <summary>
    /// A fault whose link is optional takes provider and consumer together; one alone is reported as the other missing,
    /// saying that leaving both out means every link (the docs call both optional, which a user reads one by one).
    /// </summary>
    private bool BothOrNeither(ObjectReader r)
    {
        if (r.Has("provider") == r.Has("consumer")) return true;
        var missing = r.Has("provider") ? "consumer" : "provider";
        ctx.Error(r.PathOf(missing), $"missing required key \"{missing}\" (provider and consumer name one link together; " +
            "leave both out for every link)", r.Path);
        return false;
    }
}
