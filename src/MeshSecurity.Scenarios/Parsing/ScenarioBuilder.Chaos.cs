using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>Every fault a step's `chaos` may name, and the keys it takes besides "at", "chaos" and "for".</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> ChaosKeys = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["relayer.stop"] = ["provider", "consumer"],
        ["relayer.crash"] = ["provider", "consumer"],
        ["relayer.duplicate"] = ["provider", "consumer"],
        ["relayer.lag"] = ["provider", "consumer", "delay"],
        ["relayer.batch-size"] = ["provider", "consumer", "size"],
        ["relayer.censor"] = ["provider", "consumer", "packet"],
        ["relayer.pause"] = ["provider", "consumer", "channel", "direction"],
        ["relayer.starve"] = ["provider", "consumer", "direction", "packet"],
        ["relayer.clear-interval"] = ["provider", "consumer", "interval"],
        ["relayer.race"] = ["provider", "consumer", "relayers"],
        ["ibc.error-ack"] = ["provider", "consumer", "packet"],
        ["ibc.client-expire"] = ["provider", "consumer", "side"],
        ["ibc.close-channel"] = ["provider", "consumer", "side"],
        ["net.loss"] = ["provider", "consumer", "fraction"],
        ["net.partition"] = ["chains", "groups"],
        ["net.latency"] = ["provider", "consumer", "latency", "min-latency"],
        ["net.reorder"] = ["provider", "consumer", "window"],
        ["chain.crash"] = ["chain"],
        ["shard.handoff"] = ["chain", "member"],
        ["chain.halt"] = ["chain"],
        ["chain.block-time"] = ["chain", "block-time"],
        ["chain.clock-skew"] = ["chain", "offset"],
        ["chain.clock-jump"] = ["chain", "by"],
        ["validator.double-sign"] = ["chain", "validator"],
        ["validator.downtime"] = ["chain", "validator"],
        ["validator.jail-flap"] = ["chain", "validator", "period"],
        ["validator.tombstone"] = ["chain", "validator"],
        ["econ.slash-storm"] = ["validators"],
        ["econ.withdraw-race"] = ["provider", "consumer", "account", "validator"],
        ["econ.price-shock"] = ["provider", "consumer", "factor"],
        ["heal"] = [],
    };

    /// <summary>A step written with `chaos = family.fault` instead of an action.</summary>
    private ScenarioStep.Chaos? ReadChaosStep(ObjectReader r, Duration at, string source)
    {
        var name = r.Text("chaos", true, $"a fault: {string.Join(", ", ChaosKeys.Keys)}");
        if (name is null) return null;
        if (!ChaosKeys.TryGetValue(name, out var keys))
        {
            // the fault's error is enough: its keys are not checked against a fault it is not
            r.Allow([.. ChaosKeys.Values.SelectMany(k => k).Distinct(), "for"]);
            ctx.Error(r.PathOf("chaos"),
                $"unknown fault {HoconNode.Quote(name)}{Suggestions.DidYouMean(name, ChaosKeys.Keys)}; " +
                $"expected one of: {string.Join(", ", ChaosKeys.Keys)}");
            return null;
        }
        r.Allow(keys);
        var fault = ReadFault(r, name);
        Duration? lasts = null;
        if (r.Has("for"))
        {
            if (fault is { Lasting: false })
                ctx.Error(r.PathOf("for"), $"{name} acts once, so it takes no \"for\"; lasting faults are: " +
                    string.Join(", ", ChaosKeys.Keys.Where(k => ReadableLasting.Contains(k))));
            else if (r.Duration("for", false) is { } f)
            {
                if (f.Nanos == 0) ctx.Error(r.PathOf("for"), "expected a duration above 0s (leave \"for\" out to hold until a heal)");
                else lasts = f;
            }
        }
        // a "for" on a fault that acts once has its own error above
        if (fault is null or { Lasting: true } || r.Has("for")) r.Allow("for");
        return fault is null ? null : new ScenarioStep.Chaos(at, fault, lasts, source);
    }

    private static readonly string[] ReadableLasting =
        ["relayer.stop", "relayer.pause", "relayer.starve", "relayer.clear-interval", "relayer.duplicate", "relayer.lag",
            "relayer.batch-size", "relayer.censor", "ibc.error-ack", "ibc.client-expire",
            "ibc.close-channel", "net.loss", "net.partition", "relayer.race", "net.latency", "net.reorder",
            "chain.halt", "chain.block-time", "chain.clock-skew", "validator.downtime", "validator.jail-flap", "econ.price-shock"];

    private ChaosSpec? ReadFault(ObjectReader r, string name)
    {
        switch (name)
        {
            case "relayer.stop":
            case "relayer.crash":
            case "relayer.duplicate":
            {
                var (p, c, linked) = LinkRef(r);
                if (!linked) return null;
                return name switch
                {
                    "relayer.stop" => new ChaosSpec.RelayerStop(p!, c!),
                    "relayer.crash" => new ChaosSpec.RelayerCrash(p!, c!),
                    _ => new ChaosSpec.RelayerDuplicate(p!, c!),
                };
            }
            case "relayer.lag":
            {
                var (p, c, linked) = LinkRef(r);
                var delay = r.Duration("delay", true);
                if (delay is { Nanos: 0 })
                {
                    ctx.Error(r.PathOf("delay"), "expected a delay above 0s: what the relayer's submissions land later by");
                    return null;
                }
                return linked && delay is not null ? new ChaosSpec.RelayerLag(p!, c!, delay.Value) : null;
            }
            case "relayer.batch-size":
            {
                var (p, c, linked) = LinkRef(r);
                var size = r.Integer("size", true, 1, 10_000);
                return linked && size is not null ? new ChaosSpec.RelayerBatchSize(p!, c!, (int)size.Value) : null;
            }
            case "relayer.censor":
            case "ibc.error-ack":
            {
                var (p, c, linked) = LinkRef(r);
                var packet = PacketKind(r, true);
                if (!linked || packet is null) return null;
                return name == "relayer.censor" ? new ChaosSpec.RelayerCensor(p!, c!, packet) : new ChaosSpec.IbcErrorAck(p!, c!, packet);
            }
            case "ibc.client-expire":
            case "ibc.close-channel":
            {
                var (p, c, linked) = LinkRef(r);
                var side = r.Has("side") ? r.Choice("side", false, Sides, "side") : null;
                if (!linked || (side is null && r.Has("side"))) return null;
                return name == "ibc.client-expire"
                    ? new ChaosSpec.IbcClientExpire(p!, c!, side) : new ChaosSpec.IbcCloseChannel(p!, c!, side ?? LinkSide.Provider);
            }
            case "validator.double-sign":
            {
                var signer = ChainRef(r, "chain");
                var validator = ValidatorRef(r, "validator", signer);
                return signer is null || validator is null ? null : new ChaosSpec.DoubleSign([(signer, validator)], Storm: false);
            }
            case "validator.downtime":
            case "validator.tombstone":
            {
                var target = ChainRef(r, "chain");
                var validator = ValidatorRef(r, "validator", target);
                if (target is null || validator is null) return null;
                return name == "validator.downtime"
                    ? new ChaosSpec.ValidatorDowntime(target, validator) : new ChaosSpec.ValidatorTombstone(target, validator);
            }
            case "validator.jail-flap":
            {
                var target = ChainRef(r, "chain");
                var validator = ValidatorRef(r, "validator", target);
                var period = r.Duration("period", true);
                if (period is { } p && p < Duration.FromSeconds(2))
                {
                    ctx.Error(r.PathOf("period"), $"expected a period of at least 2s (offline for its first half), got {p}");
                    return null;
                }
                return target is null || validator is null || period is null
                    ? null : new ChaosSpec.ValidatorJailFlap(target, validator, period.Value);
            }
            case "econ.slash-storm":
                return ReadSlashStorm(r);
            case "relayer.pause":
            case "relayer.starve":
            case "relayer.clear-interval":
                return ReadRelayerFault(r, name);
            case "net.loss":
                return ReadLoss(r);
            case "relayer.race":
                return ReadRace(r);
            case "net.latency":
                return ReadNetLatency(r);
            case "net.reorder":
                return ReadReorder(r);
            case "net.partition":
                return ReadPartition(r);
            case "chain.crash":
                return ChainRef(r, "chain") is { } chain ? new ChaosSpec.ChainCrash(chain) : null;
            case "shard.handoff":
                return ChainRef(r, "chain") is { } handed ? new ChaosSpec.ShardHandOff(handed, r.Text("member", false)) : null;
            case "chain.halt":
                return ChainRef(r, "chain") is { } halted ? new ChaosSpec.ChainHalt(halted) : null;
            case "chain.block-time":
            {
                var slowed = ChainRef(r, "chain");
                if (!r.Has("block-time"))
                {
                    r.Missing("block-time", "the time between the chain's blocks while the fault holds");
                    return null;
                }
                var time = WholeSeconds(r, "block-time", ScenarioChain.DefaultBlockTime, Duration.FromSeconds(1),
                    ScenarioLimits.MaxBlockTime);
                return slowed is null || time is null ? null : new ChaosSpec.ChainBlockTime(slowed, time.Value);
            }
            case "chain.clock-skew":
            case "chain.clock-jump":
                return ReadClockFault(r, name);
            case "econ.withdraw-race":
                return ReadWithdrawRace(r);
            case "econ.price-shock":
                return ReadPriceShock(r);
            default:
                return new ChaosSpec.Heal();
        }
    }

    private ChaosSpec? ReadLoss(ObjectReader r)
    {
        ImmutableArray<(string, string)> links;
        if (!BothOrNeither(r)) return null;
        if (r.Has("provider") || r.Has("consumer"))
        {
            var (p, c, linked) = LinkRef(r);
            if (!linked) return null;
            links = [(p!, c!)];
        }
        else links = [.. _linkOrder];
        var fraction = r.Dec("fraction", true);
        if (fraction is { } f && (f.IsZero || f > Dec.One))
        {
            ctx.Error(r.PathOf("fraction"), $"expected the share of packets lost, above 0 and at most 1, got {f}");
            return null;
        }
        if (links.IsEmpty)
        {
            ctx.Error(r.PathOf("chaos"), "net.loss acts on the links' relayers, and the scenario has no link");
            return null;
        }
        return fraction is null ? null : new ChaosSpec.NetLoss(links, fraction.Value);
    }

    /// <summary>`validators = ["juno/jv", "stars/sv"]`: validators of distinct chains that double-sign at once.</summary>
    private ChaosSpec? ReadSlashStorm(ObjectReader r)
    {
        var nodes = r.List("validators", true, "a list of \"chain/validator\"");
        if (nodes is null) return null;
        var offenders = new List<(string, string)>();
        foreach (var node in nodes)
        {
            var text = ctx.Text(node, "\"chain/validator\"");
            if (text is null) return null;
            var parts = text.Split('/');
            if (parts.Length != 2 || !_chains.TryGetValue(parts[0], out var entry))
            {
                ctx.Error(node.Path, $"expected \"chain/validator\" naming a chain of the scenario, got {HoconNode.Quote(text)}");
                return null;
            }
            if (!entry.Validators.Contains(parts[1]))
            {
                ctx.Error(node.Path,
                    $"unknown validator \"{parts[1]}\" on chain {parts[0]}{Suggestions.DidYouMean(parts[1], entry.Validators)}");
                return null;
            }
            if (offenders.Any(o => o.Item1 == parts[0]))
            {
                ctx.Error(node.Path, $"{parts[0]} is named twice: a slash storm takes one validator per chain");
                return null;
            }
            offenders.Add((parts[0], parts[1]));
        }
        if (offenders.Count == 0) ctx.Error(r.PathOf("validators"), "expected at least one \"chain/validator\"");
        return offenders.Count == 0 ? null : new ChaosSpec.DoubleSign([.. offenders], Storm: true);
    }

    /// <summary>`chains = [a, b]` cuts those chains off from the rest; `groups = [[a, b], [c]]` splits them so.</summary>
    private ChaosSpec? ReadPartition(ObjectReader r)
    {
        if (r.Has("chains") == r.Has("groups"))
        {
            if (r.Has("chains")) ctx.Error(r.PathOf("groups"), "give either chains (cut off from the rest) or groups, not both");
            else r.Missing("chains", "a list of chain ids cut off from the rest (or groups = [[...], [...]])");
            return null;
        }
        var groups = new List<List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var key = r.Has("chains") ? "chains" : "groups";
        var nodes = r.List(key, true, key == "chains" ? "a list of chain ids" : "a list of lists of chain ids");
        if (nodes is null) return null;
        var ok = true;
        IReadOnlyList<HoconNode> sides = key == "chains" ? [r.Node(key)!.Value] : nodes;
        foreach (var group in sides)
        {
            if (group.Kind != HoconNodeKind.List)
            {
                ctx.Error(group.Path, $"expected a list of chain ids, got {group.Describe()}");
                ok = false;
                continue;
            }
            var ids = new List<string>();
            foreach (var item in group.Elements)
            {
                var id = ctx.Text(item, "a chain id");
                if (id is null) { ok = false; continue; }
                if (!_chains.ContainsKey(id))
                {
                    ctx.Error(item.Path, $"unknown chain {HoconNode.Quote(id)}{Suggestions.DidYouMean(id, _chainOrder)}");
                    ok = false;
                }
                else if (!seen.Add(id))
                {
                    ctx.Error(item.Path, $"{id} is named twice: a chain is on one side of a partition");
                    ok = false;
                }
                else ids.Add(id);
            }
            if (ids.Count > 0) groups.Add(ids);
        }
        if (!ok) return null;
        var rest = _chainOrder.Where(c => !seen.Contains(c)).ToList();
        if (rest.Count > 0) groups.Add(rest);
        if (groups.Count < 2)
        {
            ctx.Error(r.PathOf(key), "a partition needs chains on two sides at least; these name every chain in one group");
            return null;
        }
        return new ChaosSpec.NetPartition([.. groups.Select(g => g.ToImmutableArray())]);
    }
}
