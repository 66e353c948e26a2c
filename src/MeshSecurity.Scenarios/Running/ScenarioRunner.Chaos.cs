using System.Collections.Immutable;
using System.Globalization;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>The lasting faults in force, by the index of the step that injected them (so they apply in step order).</summary>
    private readonly SortedDictionary<int, ChaosSpec> _chaos = [];

    /// <summary>Links a relayer-stop action stopped and no relayer-start started again.</summary>
    private readonly HashSet<(string Provider, string Consumer)> _stoppedByStep = [];

    /// <summary>The switches each channel was last given, so only changes are sent.</summary>
    private readonly Dictionary<string, Switches> _switches = new(StringComparer.Ordinal);

    private sealed record Switches(bool Paused, bool Duplicate, Core.Relaying.RelayFaults Faults)
    {
        public static readonly Switches Off = new(false, false, Core.Relaying.RelayFaults.None);
    }

    /// <summary>
    /// shard.handoff steps (written or drawn) refused before any window runs, as `meshsec chaos shard.handoff` refuses them:
    /// a chain handed off starts again from its journal, so the journal must be one that outlives the chain's actor (a
    /// SQLite file or PostgreSQL; on a cluster, that of every member, which the members say once they host the run:
    /// <paramref name="membersInMemory"/>). A step's `member` names a cluster member: on the embedded node it is refused.
    /// </summary>
    private void RefuseHandOffs(bool membersInMemory = false)
    {
        const string lost = "with the memory journal a chain handed off would lose its history";
        var why = _options.Cluster is not null
            ? membersInMemory
                ? "shard.handoff moves a chain between members, which needs a journal they share (meshsec node --journal " +
                  $"postgres:..., docs/cluster.md): {lost}"
                : null
            : _options.Journal.InMemory
                ? "shard.handoff needs a journal that outlives the chain's actor (--journal sqlite:PATH, the default, or " +
                  $"postgres:...): {lost}"
                : null;
        var handOffs = _scenario.Steps.OfType<ScenarioStep.Chaos>().Where(s => s.Fault is ChaosSpec.ShardHandOff).ToList();
        var errors = handOffs.Where(_ => why is not null)
            .Select(s => new Parsing.ScenarioError(s.Location.File, s.Location.Line, s.Location.Column,
                s.Source == "nemesis" ? "nemesis.faults" : $"{s.Location.Key}.chaos", why!))
            .Concat(handOffs.Where(s => _options.Cluster is null && s.Fault is ChaosSpec.ShardHandOff { Member: not null })
                .Select(s => new Parsing.ScenarioError(s.Location.File, s.Location.Line, s.Location.Column, $"{s.Location.Key}.member",
                    "member names the cluster member a chain moves to (meshsec run --cluster): on the embedded node a chain is " +
                    "handed off in place")))
            .Distinct().ToList();
        if (errors.Count > 0) throw new Parsing.ScenarioException(errors);
    }

    /// <param name="submit">Adds a transaction the fault sends (a double-sign's evidence) to the step's.</param>
    private async Task StartChaos(int index, ScenarioStep.Chaos step, Action<string, Core.Types.Addr, Core.Wasm.CosmosMsg> submit)
    {
        var fault = step.Fault;
        switch (fault)
        {
            case ChaosSpec.Heal:
                var healed = _chaos.Values.Select(f => f.Describe()).ToImmutableArray();
                var closed = _chaos.Where(kv => kv.Value is ChaosSpec.IbcCloseChannel).ToList();
                var ended = _chaos.Keys.ToList();
                _chaos.Clear();
                await Reconcile();
                foreach (var (i, c) in closed) await ReopenAfter(i, (ChaosSpec.IbcCloseChannel)c, step.At);
                if (!healed.IsEmpty) await _net.RecordChaosAsync("", fault.Name, healed, step.Source);
                foreach (var i in ended) TellLiveEnded(i);
                return;
            case ChaosSpec.RelayerCrash c:
                foreach (var channel in ChannelsOf(c.Provider, c.Consumer)) await _net.CrashRelayerAsync(channel);
                break;
            case ChaosSpec.ChainCrash c:
                await _net.CrashChainAsync(c.Chain);
                break;
            case ChaosSpec.ShardHandOff h:
            {
                var (moved, said) = await _net.HandOffChainAsync(h.Chain, h.Member);
                if (!moved)
                {
                    _stepRefusals[index] = said ?? "refused";
                    return;
                }
                // on a cluster the record says where the chain went ("from -> to")
                await _net.RecordChaosAsync(h.Chain, fault.Name, said is null ? [h.Chain] : [h.Chain, said], step.Source);
                return;
            }
            case ChaosSpec.DoubleSign d:
                foreach (var (signer, validator) in d.Offenders) await DoubleSign(signer, validator, EvidenceTargets.Both, submit);
                break;
            case ChaosSpec.ValidatorTombstone t:
                await Tombstone(t.Chain, t.Validator);
                break;
            case ChaosSpec.ChainClockJump j:
                await ClockJump(j);
                break;
            case ChaosSpec.EconWithdrawRace w:
                await WithdrawRace(index, w, submit);
                break;
            case ChaosSpec.IbcCloseChannel c:
            {
                var (closing, owner, close) = CloseMessage(new ScenarioStep.CloseChannel(step.At, c.Provider, c.Consumer, c.Side));
                submit(closing, owner, close);
                _chaos[index] = fault;
                break;
            }
            default:
                _chaos[index] = fault;
                await Reconcile();
                break;
        }
        var chain = fault switch
        {
            ChaosSpec.NetPartition => "",
            ChaosSpec.NetLoss { Links.Length: > 1 } => "",
            ChaosSpec.NetLatency { Links.Length: > 1 } => "",
            ChaosSpec.NetReorder { Links.Length: > 1 } => "",
            ChaosSpec.DoubleSign { Offenders.Length: > 1 } => "",
            ChaosSpec.IbcErrorAck { Packet: "transfer" } => "",
            ChaosSpec.IbcErrorAck e => ErrorAckEnds(e).First().Chain,
            ChaosSpec.IbcCloseChannel x => x.Side == LinkSide.Provider ? x.Provider : x.Consumer,
            ChaosSpec.IbcClientExpire { Side: null } => "",
            ChaosSpec.IbcClientExpire e => ExpiredClients(e).First().Chain,
            _ => fault.Chains[0],
        };
        await _net.RecordChaosAsync(chain, fault.Name, Targets(fault), step.Source);
    }

    /// <summary>A lasting fault's `for` is over: it ends, unless a heal ended it already.</summary>
    private async Task EndChaos(int index, ScenarioStep.Chaos step)
    {
        if (!_chaos.Remove(index)) return;
        await Reconcile();
        if (step.Fault is ChaosSpec.IbcCloseChannel c) await ReopenAfter(index, c, step.Until!.Value);
        await _net.RecordChaosAsync("", "heal", [step.Fault.Describe()], step.Source);
        TellLiveEnded(index);
    }

    /// <summary>A closed mesh channel's fault is over: the link reopens one, as a reopen-channel step would.</summary>
    private Task ReopenAfter(int index, ChaosSpec.IbcCloseChannel c, Duration at) =>
        Reopen(index, new ScenarioStep.ReopenChannel(at, c.Provider, c.Consumer));

    /// <summary>The relayer-stop and relayer-start actions share the switches with the faults (a partition outlasts a start).</summary>
    private Task StopRelayerByStep(string provider, string consumer, bool stop)
    {
        if (stop) _stoppedByStep.Add((provider, consumer));
        else _stoppedByStep.Remove((provider, consumer));
        return Reconcile();
    }

    /// <summary>Gives every link's channels the switches the faults in force add up to, in link order.</summary>
    private async Task Reconcile()
    {
        foreach (var link in _scenario.Links)
        {
            var (p, c) = (link.Provider, link.Consumer);
            var faults = _chaos.Values;
            var want = new Switches(
                _stoppedByStep.Contains((p, c)) || faults.Any(f => f is ChaosSpec.RelayerStop s && (s.Provider, s.Consumer) == (p, c)
                    || f is ChaosSpec.NetPartition n && n.Splits(p, c)),
                faults.Any(f => f is ChaosSpec.RelayerDuplicate d && (d.Provider, d.Consumer) == (p, c)),
                new Core.Relaying.RelayFaults(
                    faults.OfType<ChaosSpec.RelayerLag>().Where(l => (l.Provider, l.Consumer) == (p, c)).Select(l => l.Delay.Nanos)
                        .DefaultIfEmpty(0UL).Max(),
                    faults.OfType<ChaosSpec.NetLoss>().Where(l => l.Links.Contains((p, c)))
                        .Select(l => double.Parse(l.Fraction.ToString(), CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max(),
                    // the latest of each kind holds while it lasts
                    faults.OfType<ChaosSpec.RelayerBatchSize>().LastOrDefault(b => (b.Provider, b.Consumer) == (p, c))?.Size,
                    faults.OfType<ChaosSpec.RelayerCensor>().LastOrDefault(x => (x.Provider, x.Consumer) == (p, c))?.Packet)
                    with
                    {
                        Racers = Racers(p, c), Latency = LatencyOf(p, c),
                        Reorder = Reorders(p, c), ReorderWindowNanos = ReorderWindow(p, c),
                    });
            var linkWant = want;
            foreach (var channel in ChannelsOf(p, c))
            {
                want = linkWant with { Faults = OnChannel(p, c, channel, linkWant.Faults) };
                var had = _switches.GetValueOrDefault(channel, Switches.Off);
                if (had == want) continue;
                if (had.Faults != want.Faults) await _net.SetRelayerFaultsAsync(channel, want.Faults);
                if (had.Duplicate != want.Duplicate) await _net.SetDuplicateDeliveriesAsync(channel, want.Duplicate);
                if (had.Paused != want.Paused)
                    await (want.Paused ? _net.PauseRelayerAsync(channel) : _net.ResumeRelayerAsync(channel));
                _switches[channel] = want;
            }
        }
        await ReconcileConsensus();
        await ReconcileErrorAcks();
        await ReconcileClients();
        await ReconcilePrices();
    }

    /// <summary>A link's two relayer paths: its mesh channel (the reopened one, after a reopen) and its ICS-20 channel.</summary>
    private string[] ChannelsOf(string provider, string consumer) =>
        [Link(provider, consumer).MeshChannelId, Link(provider, consumer).TransferChannelId];

    /// <summary>What a fault acts on, as events name it: the relayer paths, or the chain.</summary>
    private ImmutableArray<string> Targets(ChaosSpec fault) => fault switch
    {
        ChaosSpec.ChainCrash c => [c.Chain],
        ChaosSpec.ShardHandOff h => [h.Chain],
        ChaosSpec.NetPartition n => [.. _scenario.Links.Where(l => n.Splits(l.Provider, l.Consumer))
            .SelectMany(l => ChannelsOf(l.Provider, l.Consumer))],
        ChaosSpec.NetLoss l => [.. l.Links.SelectMany(x => ChannelsOf(x.Provider, x.Consumer))],
        ChaosSpec.NetLatency l => [.. l.Links.SelectMany(x => ChannelsOf(x.Provider, x.Consumer))],
        ChaosSpec.NetReorder l => [.. l.Links.SelectMany(x => ChannelsOf(x.Provider, x.Consumer))],
        ChaosSpec.RelayerRace x => [.. ChannelsOf(x.Provider, x.Consumer)],
        ChaosSpec.RelayerStop x => [.. ChannelsOf(x.Provider, x.Consumer)],
        ChaosSpec.RelayerCrash x => [.. ChannelsOf(x.Provider, x.Consumer)],
        ChaosSpec.RelayerDuplicate x => [.. ChannelsOf(x.Provider, x.Consumer)],
        ChaosSpec.RelayerLag x => [.. ChannelsOf(x.Provider, x.Consumer)],
        ChaosSpec.RelayerBatchSize x => [.. ChannelsOf(x.Provider, x.Consumer)],
        ChaosSpec.RelayerCensor x => [.. ChannelsOf(x.Provider, x.Consumer)],
        ChaosSpec.RelayerPause x => PathsOf(x.Provider, x.Consumer, x.Channel),
        ChaosSpec.RelayerClearInterval x => [.. ChannelsOf(x.Provider, x.Consumer)],
        ChaosSpec.RelayerStarve x => PathsOf(x.Provider, x.Consumer, x.Packet == "transfer" ? RelayChannel.Ics20 : RelayChannel.Mesh),
        ChaosSpec.IbcCloseChannel x => [Link(x.Provider, x.Consumer).MeshChannelId],
        ChaosSpec.IbcClientExpire x => [.. ExpiredClients(x).Select(e => $"{e.Chain}/{e.ClientId}")],
        ChaosSpec.IbcErrorAck x => [.. ErrorAckEnds(x).Select(e => $"{e.Chain}/{Core.Ibc.IbcState.ErrorAckKey(e.End, x.Packet)}")],
        ChaosSpec.DoubleSign d => [.. d.Offenders.Select(o => $"{o.Chain}/{o.Validator}")],
        ChaosSpec.ChainHalt h => [h.Chain],
        ChaosSpec.ChainBlockTime b => [b.Chain],
        ChaosSpec.ChainClockSkew s => [s.Chain],
        ChaosSpec.ChainClockJump j => [j.Chain],
        ChaosSpec.EconWithdrawRace w => [$"{w.Provider}/{w.Account}"],
        ChaosSpec.EconPriceShock s => [$"{s.Provider}->{s.Consumer}/price"],
        ChaosSpec.ValidatorDowntime v => [$"{v.Chain}/{v.Validator}"],
        ChaosSpec.ValidatorJailFlap v => [$"{v.Chain}/{v.Validator}"],
        ChaosSpec.ValidatorTombstone v => [$"{v.Chain}/{v.Validator}"],
        _ => [],
    };

    /// <summary>
    /// The faults `meshsec chaos` injected into this run live, from its events: a stopped or duplicating relayer, a price
    /// shock and a closed channel last until a heal (a stopped relayer until its start too), the others act once.
    /// </summary>
    private IEnumerable<Reporting.ChartMarker> LiveFaults()
    {
        var live = _tally.LiveChaos;
        for (var i = 0; i < live.Count; i++)
        {
            var e = live[i];
            if (e.Fault == "heal") continue;
            var from = SinceReady(e.Time);
            Duration? to = null;
            // the driver's lasting live faults (ScenarioRunner.LiveChaos.cs) end at a heal too
            if (e.Fault is "relayer.stop" or "relayer.duplicate" or "econ.price-shock" or "ibc.close-channel")
            {
                var end = live.Skip(i + 1).FirstOrDefault(x => x.Fault == "heal"
                    || x.Fault == "relayer.start" && e.Fault == "relayer.stop" && x.Targets.SequenceEqual(e.Targets));
                to = end is null ? _scenario.Duration : SinceReady(end.Time);
            }
            ImmutableArray<string> chains = e.ChainId.Length > 0 ? [e.ChainId] : [];
            yield return new Reporting.ChartMarker($"{e.Fault} {string.Join(",", e.Targets)} (live, {e.Member})", from, to, chains);
        }
    }

    private Duration SinceReady(Core.Types.Timestamp t) => new(t.Nanos > _t0.Nanos ? t.Nanos - _t0.Nanos : 0);
}
