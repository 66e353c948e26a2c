using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Generation;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    private static readonly string[] NemesisKeys =
        ["start", "end", "interval", "fault-duration", "faults", "max-lag", "max-loss", "quiet", "seed", "phases"];

    /// <summary>What the nemesis may draw: every fault but heal, double-signs and tombstones (they retire validators for good).</summary>
    private static readonly string[] NemesisFaults =
        [.. ChaosKeys.Keys.Where(k => k is not ("heal" or "validator.double-sign" or "econ.slash-storm" or "validator.tombstone"))];

    /// <summary>Faults that act on a chain rather than on links' relayers: a scenario without links can draw them.</summary>
    private static readonly string[] ChainFaults =
        ["chain.crash", "chain.halt", "chain.block-time", "chain.clock-skew", "chain.clock-jump", "validator.downtime",
            "validator.jail-flap", "shard.handoff"];

    /// <summary>
    /// What it draws when the file lists no faults: every fault of the families that are safe for any scenario with links
    /// (relayer, net, chain and ibc): each has a target in any such scenario, punishes no validator, and ends with the
    /// heal, so the quiet window sees a network that recovered. Left out: the validator faults (a downtime slashes and
    /// jails by the chain's own rules, cutting the stakes a scenario set up), the econ faults (a withdraw race needs an
    /// account on every provider, a price shock a priced link), ibc.close-channel (its end reopens the channel with a
    /// handshake another fault in force can refuse, which fails the step) and shard.handoff (it needs a journal that
    /// outlives the chain's actor). A file lists them in `faults` to draw them.
    /// </summary>
    private static readonly string[] DefaultNemesisFaults =
        ["relayer.stop", "relayer.crash", "relayer.duplicate", "relayer.lag", "relayer.batch-size", "relayer.censor", "relayer.pause",
            "relayer.starve", "relayer.clear-interval", "relayer.race", "net.loss", "net.partition", "net.latency", "net.reorder",
            "chain.crash", "chain.halt", "chain.block-time", "chain.clock-skew", "chain.clock-jump", "ibc.error-ack",
            "ibc.client-expire"];

    /// <summary>What it draws without links and without a list: the chain faults of <see cref="DefaultNemesisFaults"/>.</summary>
    private static readonly string[] DefaultChainNemesisFaults =
        [.. DefaultNemesisFaults.Where(f => f.StartsWith("chain.", StringComparison.Ordinal))];

    /// <summary>The nemesis as read: its faults, drawn, and the time the run must last at least (its end and quiet).</summary>
    private sealed record Nemesis(List<ScenarioStep.Chaos> Steps, Duration LastsUntil, string Path);

    /// <summary>
    /// The scenario's seeded nemesis (docs/scenarios.md, "nemesis"): from `start` to `end`, a fault every `interval` or so
    /// (each gap drawn between half and one and a half of it, in whole seconds), each picked from `faults` with its target,
    /// lasting faults for up to `fault-duration`; at `end` a heal, then `quiet` with no fault. Drawn from the seed alone,
    /// so the same file gives the same faults, which a run lists as its steps.
    /// </summary>
    private Nemesis? ReadNemesis(ObjectReader top, string scenarioSeed)
    {
        var r = top.Object("nemesis", false, "the nemesis settings", NemesisKeys);
        if (r is null) return null;
        var start = r.Duration("start", false) ?? Duration.Zero;
        var phased = r.Has("phases");
        var end = r.Duration("end", !phased);
        var interval = r.Duration("interval", !phased);
        var faultDuration = r.Duration("fault-duration", false);
        var maxLag = r.Duration("max-lag", false) ?? Duration.FromMinutes(2);
        var maxLoss = r.Dec("max-loss", false) ?? Dec.Percent(50);
        var quiet = r.Duration("quiet", false) ?? Duration.FromHours(1);
        var seed = r.Seed("seed") ?? scenarioSeed;
        var faults = ReadNemesisFaults(r);
        var ok = PaceOk(r, interval, faultDuration);
        List<NemesisPhase>? phases = null;
        if (phased) phases = ReadNemesisPhases(r, start, interval, faultDuration, faults);
        else if (end is not null && interval is not null && faults is not null)
            phases = [new NemesisPhase(start, end.Value, faults, interval.Value, faultDuration)];
        ok &= phases is not null;
        if (phased && end is { } given && phases is not null && given != phases[^1].Until)
        {
            ctx.Error(r.PathOf("end"),
                $"with phases the end is the last phase's until ({phases[^1].Until}): leave end out, or make it that, got {given}");
            ok = false;
        }
        else if (!phased && end is { } e && e <= start)
        {
            ctx.Error(r.PathOf("end"), $"expected an end after the start ({start}), got {e}");
            ok = false;
        }
        if (maxLag < Duration.FromSeconds(10))
        {
            ctx.Error(r.PathOf("max-lag"), $"expected a max-lag of at least 10s (lags are drawn from 10s up to it), got {maxLag}");
            ok = false;
        }
        if (maxLoss < Dec.Percent(5) || maxLoss > Dec.One)
        {
            ctx.Error(r.PathOf("max-loss"), $"expected a max-loss from 0.05 to 1 (losses are drawn from 0.05 up to it), got {maxLoss}");
            ok = false;
        }
        r.Finish("in nemesis");
        if (!ok) return null;
        end = phases![^1].Until;
        // a flap's period follows the nemesis' interval (or its first phase's)
        var draw = new NemesisDraw(new SplitMix64("nemesis/" + seed), _chainOrder, _linkOrder, maxLag, maxLoss,
            c => _chains[c].Validators, phases[0].Interval)
        {
            LatencyFloor = _latencyFloor,
            Accounts = c => _chains[c].Accounts,
            PricedLinks = [.. _linkOrder.Where(_pricedLinks.Contains)],
        };
        var steps = new List<ScenarioStep.Chaos>();
        var location = ctx.LocationOf(r.Path);
        foreach (var phase in phases)
        {
            var mean = phase.Interval.WholeSeconds;
            var at = phase.From;
            while (true)
            {
                at += Duration.FromSeconds((ulong)draw.Random.Between((int)System.Math.Max(1, mean / 2), (int)(mean + mean / 2)));
                if (at >= phase.Until) break;
                var fault = draw.Fault(phase.Faults[draw.Random.Below(phase.Faults.Count)]);
                Duration? lasts = null;
                if (fault.Lasting)
                {
                    // a phase's faults end with it: the next phase has its own mix
                    var most = (phase.FaultDuration ?? phase.Interval).WholeSeconds;
                    var seconds = (ulong)draw.Random.Between((int)System.Math.Max(1, most / 2), (int)most);
                    lasts = Duration.FromSeconds(System.Math.Min(seconds, (phase.Until.Nanos - at.Nanos) / Duration.NanosPerSecond));
                }
                steps.Add(new ScenarioStep.Chaos(at, fault, lasts is { Nanos: > 0 } ? lasts : null, "nemesis") { Location = location });
            }
        }
        steps.Add(new ScenarioStep.Chaos(end.Value, new ChaosSpec.Heal(), null, "nemesis") { Location = location });
        return new Nemesis(steps, end.Value + quiet, r.Path);
    }

    private List<string>? ReadNemesisFaults(ObjectReader r)
    {
        if (!r.Has("faults")) return _linkOrder.Count > 0 ? [.. DefaultNemesisFaults] : [.. DefaultChainNemesisFaults];
        var nodes = r.List("faults", false, $"a list of faults: {string.Join(", ", NemesisFaults)}");
        if (nodes is null) return null;
        var names = new List<string>();
        foreach (var node in nodes)
        {
            var name = ctx.Text(node, "a fault name");
            if (name is null) return null;
            if (!NemesisFaults.Contains(name))
            {
                ctx.Error(node.Path, $"unknown fault {HoconNode.Quote(name)}{Suggestions.DidYouMean(name, NemesisFaults)}; " +
                    $"the nemesis draws from: {string.Join(", ", NemesisFaults)}");
                return null;
            }
            if (!ChainFaults.Contains(name) && _linkOrder.Count == 0)
            {
                ctx.Error(node.Path, $"{name} acts on links' relayers, and the scenario has no link");
                return null;
            }
            if (name == "econ.price-shock" && _pricedLinks.Count == 0)
            {
                ctx.Error(node.Path, $"{name} shocks a link's price feed, and no link has a price");
                return null;
            }
            if (name == "econ.withdraw-race" && _linkOrder.Any(l => _chains[l.Provider].Accounts.Count == 0))
            {
                ctx.Error(node.Path, $"{name} races an account of a link's provider, and {_linkOrder.First(l =>
                    _chains[l.Provider].Accounts.Count == 0).Provider} has no account");
                return null;
            }
            names.Add(name);
        }
        if (names.Count == 0) ctx.Error(r.PathOf("faults"), "expected at least one fault to draw from");
        return names.Count == 0 ? null : names;
    }

    /// <summary>Draws one fault of a kind with its target, from the scenario's chains and links.</summary>
    private sealed class NemesisDraw(SplitMix64 random, List<string> chains, List<(string Provider, string Consumer)> links,
        Duration maxLag, Dec maxLoss, Func<string, List<string>> validators, Duration interval)
    {
        public SplitMix64 Random => random;

        /// <summary>The accounts of a chain (a withdraw race draws one of the provider's).</summary>
        public Func<string, List<string>> Accounts { get; init; } = _ => [];

        /// <summary>The links' smallest latency floor: a drawn net.latency never goes below it.</summary>
        public Duration LatencyFloor { get; init; }

        /// <summary>The links with a price feed (a price shock draws one).</summary>
        public List<(string Provider, string Consumer)> PricedLinks { get; init; } = [];

        public ChaosSpec Fault(string name)
        {
            var (p, c) = links.Count > 0 ? links[random.Below(links.Count)] : ("", "");
            if ((DrawRelayerFault(name, p, c, random) ?? DrawNetFault(name, p, c, random, LatencyFloor)) is { } drawn) return drawn;
            switch (name)
            {
                case "relayer.stop": return new ChaosSpec.RelayerStop(p, c);
                case "relayer.crash": return new ChaosSpec.RelayerCrash(p, c);
                case "relayer.duplicate": return new ChaosSpec.RelayerDuplicate(p, c);
                case "relayer.batch-size": return new ChaosSpec.RelayerBatchSize(p, c, random.Between(1, 3));
                case "relayer.censor":
                case "ibc.error-ack":
                    var kinds = Core.Relaying.PacketKinds.All;
                    var kind = kinds[random.Below(kinds.Count)];
                    return name == "relayer.censor" ? new ChaosSpec.RelayerCensor(p, c, kind) : new ChaosSpec.IbcErrorAck(p, c, kind);
                case "relayer.lag":
                    return new ChaosSpec.RelayerLag(p, c, Duration.FromSeconds((ulong)random.Between(10, (int)maxLag.WholeSeconds)));
                case "net.loss":
                    var percent = (ulong)random.Between(5, (int)(ulong)(maxLoss * new Amount(100)).ToAmountFloor().Value);
                    return new ChaosSpec.NetLoss([(p, c)], Dec.Percent(percent));
                case "net.partition":
                    return Partition();
                case "ibc.client-expire":
                    return new ChaosSpec.IbcClientExpire(p, c, random.Chance(0.5) ? LinkSide.Provider : LinkSide.Consumer);
                case "ibc.close-channel":
                    return new ChaosSpec.IbcCloseChannel(p, c, random.Chance(0.5) ? LinkSide.Provider : LinkSide.Consumer);
                case "chain.halt":
                    return new ChaosSpec.ChainHalt(chains[random.Below(chains.Count)]);
                case "shard.handoff":
                    return new ChaosSpec.ShardHandOff(chains[random.Below(chains.Count)]);
                case "chain.block-time":
                    var slowed = chains[random.Below(chains.Count)];
                    return new ChaosSpec.ChainBlockTime(slowed, Duration.FromSeconds((ulong)random.Between(1, 30)));
                case "chain.clock-skew":
                case "chain.clock-jump":
                    return ClockFault(name, chains[random.Below(chains.Count)]);
                case "econ.price-shock":
                {
                    var (provider, consumer) = PricedLinks[random.Below(PricedLinks.Count)];
                    return new ChaosSpec.EconPriceShock(provider, consumer, Dec.Percent((ulong)random.Between(20, 200)));
                }
                case "econ.withdraw-race":
                {
                    var (accounts, consumers) = (Accounts(p), validators(c));
                    var account = accounts[random.Below(accounts.Count)];
                    return new ChaosSpec.EconWithdrawRace(p, c, account, consumers[random.Below(consumers.Count)]);
                }
                case "validator.downtime":
                case "validator.jail-flap":
                {
                    var chain = chains[random.Below(chains.Count)];
                    var names = validators(chain);
                    var validator = names[random.Below(names.Count)];
                    // each half long enough to miss more than half the 100-block window at 6-second blocks
                    var period = Duration.FromSeconds(System.Math.Max(720UL, interval.WholeSeconds));
                    return name == "validator.downtime"
                        ? new ChaosSpec.ValidatorDowntime(chain, validator) : new ChaosSpec.ValidatorJailFlap(chain, validator, period);
                }
                default:
                    return new ChaosSpec.ChainCrash(chains[random.Below(chains.Count)]);
            }
        }

        /// <summary>A skew of up to 2 minutes either way, or a jump of up to 10 minutes, in whole seconds.</summary>
        private ChaosSpec ClockFault(string name, string chain)
        {
            if (name == "chain.clock-jump") return new ChaosSpec.ChainClockJump(chain, Duration.FromSeconds((ulong)random.Between(1, 600)));
            var seconds = random.Between(1, 120);
            return new ChaosSpec.ChainClockSkew(chain, (random.Chance(0.5) ? seconds : -seconds) * (long)Duration.NanosPerSecond);
        }

        /// <summary>One chain cut off (Jepsen's "one"), or a random half (its "majorities"), every other draw.</summary>
        private ChaosSpec Partition()
        {
            var shuffled = chains.OrderBy(_ => random.Next()).ToList();
            var cut = random.Chance(0.5) ? 1 : System.Math.Max(1, shuffled.Count / 2);
            ImmutableArray<string> side = [.. shuffled.Take(cut).Order(StringComparer.Ordinal)];
            ImmutableArray<string> rest = [.. shuffled.Skip(cut).Order(StringComparer.Ordinal)];
            return new ChaosSpec.NetPartition([side, rest]);
        }
    }
}
