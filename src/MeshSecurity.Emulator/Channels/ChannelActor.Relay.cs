using System.Collections.Immutable;
using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Clock;

namespace MeshSecurity.Emulator.Channels;

public sealed partial class ChannelActor
{
    private async Task OnBlockObserved(BlockObserved m)
    {
        var sender = Sender;
        _headers[m.ChainId] = m.Header;
        if (_handshakeTxs.Count > 0) await HandshakeProgress(m.Block, m.ChainId);
        var timers = ImmutableArray<TimerRequest>.Empty;
        if (_ends is not null && !_paused) Observe(m.ChainId, m.Block); // from the first channel id on, so no early packet is missed
        if (_open && !_paused) timers = NextTimer();
        sender.Tell(new BlockAck(_channelId, m.ChainId, m.Block.Height, timers));
    }

    /// <summary>Updates what is owed from a block of <paramref name="chain"/>: its own transactions' results and the packet events on this channel.</summary>
    private void Observe(string chain, BlockResult block)
    {
        var other = Other(chain);
        var (port, channel) = EndOn(chain);
        var end = new IbcEndpoint(port, channel);

        foreach (var tx in block.TxResults)
        {
            if (!_inFlight.Remove(tx.TxId, out var keys)) continue;
            if (!tx.IsSuccess) _failedTxs++;
            foreach (var key in keys)
            {
                if (!_deliveries.TryGetValue(key, out var d) || d.InFlightTx != tx.TxId) continue;
                // a failed batch is retried message by message; a success that left no event was a no-op (already done)
                if (tx.IsSuccess) _deliveries.Remove(key);
                else _deliveries[key] = d with { InFlightTx = null, Single = true, Due = block.Time };
            }
        }

        foreach (var e in block.AllEvents)
        {
            switch (e.Type)
            {
                case IbcEvents.SendPacket when IbcEvents.ToPacket(e) is var p && p.Source == end:
                    _sent++;
                    Add(new Delivery(DeliveryKind.Recv, chain, p.Sequence, p, null, After(block.Time, "recv", chain, p.Sequence)));
                    break;
                case IbcEvents.RecvPacket when IbcEvents.ToPacket(e) is var p && p.Destination == end:
                    _received++;
                    _deliveries.Remove((DeliveryKind.Recv, other, p.Sequence));
                    if (p.Sequence + 1 > _nextRecv.GetValueOrDefault(chain, 1UL)) _nextRecv[chain] = p.Sequence + 1;
                    break;
                case IbcEvents.WriteAcknowledgement when IbcEvents.ToPacket(e) is var p && p.Destination == end:
                    Add(new Delivery(DeliveryKind.Ack, other, p.Sequence, p, Convert.FromHexString(e.Get(IbcEvents.AckHex)!), After(block.Time, "ack", other, p.Sequence)));
                    break;
                case IbcEvents.AcknowledgePacket when IbcEvents.ToPacket(e) is var p && p.Source == end:
                    _acknowledged++;
                    _deliveries.Remove((DeliveryKind.Ack, chain, p.Sequence));
                    _deliveries.Remove((DeliveryKind.Recv, chain, p.Sequence));
                    break;
                case IbcEvents.TimeoutPacket when IbcEvents.ToPacket(e) is var p && p.Source == end:
                    _timedOut++;
                    _deliveries.Remove((DeliveryKind.Timeout, chain, p.Sequence));
                    _deliveries.Remove((DeliveryKind.Recv, chain, p.Sequence));
                    break;
                case IbcEvents.ChannelClosed or IbcEvents.ChannelCloseInit when e.Get("port_id") == port && e.Get("channel_id") == channel:
                    _closedOn.Add(chain);
                    if (!_closedOn.Contains(other)) Add(new Delivery(DeliveryKind.CloseConfirm, chain, 0, null, null, block.Time));
                    break;
                case IbcEvents.ChannelCloseConfirm when e.Get("port_id") == port && e.Get("channel_id") == channel:
                    _closedOn.Add(chain);
                    _deliveries.Remove((DeliveryKind.CloseConfirm, other, 0));
                    break;
            }
        }

        // packets from the other chain that this chain can no longer receive: time them out on their source
        var header = _headers[chain];
        var closed = block.AllEvents.Any(e => e.Type is IbcEvents.ChannelClosed or IbcEvents.ChannelCloseInit or IbcEvents.ChannelCloseConfirm
                                              && e.Get("port_id") == port && e.Get("channel_id") == channel);
        foreach (var d in _deliveries.Values.Where(d => d.Kind == DeliveryKind.Recv && d.SourceChain == other).ToList())
        {
            if (!closed && !d.Packet!.Timeout.HasPassed(header.Height, header.Time)) continue;
            _deliveries.Remove(d.Key);
            Add(d with { Kind = DeliveryKind.Timeout, Due = After(block.Time, "timeout", other, d.Sequence), InFlightTx = null, Single = false });
        }
    }

    private void Add(Delivery d) => _deliveries.TryAdd(d.Key, d);

    private Timestamp After(Timestamp t, string kind, string chain, ulong sequence) =>
        t.PlusNanos(_spec!.EffectiveLatency.SampleNanos(_spec.Seed, _channelId, $"{kind}/{chain}", sequence));

    private ImmutableArray<TimerRequest> NextTimer()
    {
        var waiting = _deliveries.Values.Where(d => d.InFlightTx is null).ToList();
        return waiting.Count == 0 ? [] : [new TimerRequest(waiting.Min(d => d.Due), TimerTarget.Channel, _channelId)];
    }

    private async Task OnTick(ChannelTick tick)
    {
        var sender = Sender;
        if (_open && !_paused) await Deliver(tick.Now);
        sender.Tell(new StepDone(tick.Step, _channelId, _open && !_paused ? NextTimer() : []));
    }

    /// <summary>Submits everything due, per target chain, in batches; waits until every chain accepted its transactions.</summary>
    private async Task Deliver(Timestamp now)
    {
        var due = _deliveries.Values.Where(d => d.InFlightTx is null && d.Due <= now).ToList();
        var submissions = new List<Task>();
        foreach (var group in due.GroupBy(TargetOf).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var target = group.Key;
            var items = InOrder(target, group).ToList();
            var batches = items.Where(d => d.Single).Select(d => new List<Delivery> { d })
                .Concat(items.Where(d => !d.Single).Chunk(System.Math.Max(1, _spec!.BatchSize)).Select(c => c.ToList()));
            foreach (var batch in batches)
            {
                var id = NextTxId();
                var msgs = new List<CosmosMsg> { new CosmosMsg.Relay(new IbcRelayMsg.UpdateClient(ClientOn(target), _headers[Other(target)])) };
                msgs.AddRange(batch.Select(d => MessageFor(d, target)));
                foreach (var d in batch) _deliveries[d.Key] = d with { InFlightTx = id };
                _inFlight[id] = [.. batch.Select(d => d.Key)];
                submissions.Add(Submit(target, new Tx(_relayers[target], [.. msgs], id), now));
                if (_duplicate && batch.Any(d => d.Kind == DeliveryKind.Recv))
                    submissions.Add(Submit(target, new Tx(_relayers[target], [.. msgs], id + "/dup"), now));
            }
        }
        await Task.WhenAll(submissions);
    }

    private Task Submit(string chain, Tx tx, Timestamp now) =>
        _chains.Ask<ChainReply.Accepted>(new ChainCommand.SubmitTx(chain, tx, now, _channelId), _askTimeout);

    private string TargetOf(Delivery d) => d.Kind is DeliveryKind.Recv or DeliveryKind.CloseConfirm ? Other(d.SourceChain) : d.SourceChain;

    /// <summary>On an ordered channel only the next sequences in a row can be received; everything else goes as it is.</summary>
    private IEnumerable<Delivery> InOrder(string target, IEnumerable<Delivery> items)
    {
        var list = items.OrderBy(d => d.Kind).ThenBy(d => d.Sequence).ToList();
        if (Order == IbcOrder.Unordered) return list;
        var next = _nextRecv.GetValueOrDefault(target, 1UL);
        var result = new List<Delivery>();
        foreach (var d in list)
        {
            if (d.Kind != DeliveryKind.Recv) { result.Add(d); continue; }
            if (d.Sequence != next) continue;
            result.Add(d);
            next++;
        }
        return result;
    }

    private CosmosMsg MessageFor(Delivery d, string target)
    {
        var relayer = _relayers[target];
        var counterpartyHeight = _headers[Other(target)].Height;
        IbcRelayMsg msg = d.Kind switch
        {
            DeliveryKind.Recv => new IbcRelayMsg.RecvPacket(d.Packet!, counterpartyHeight, relayer),
            DeliveryKind.Ack => new IbcRelayMsg.AcknowledgePacket(d.Packet!, d.Ack!, counterpartyHeight, relayer),
            DeliveryKind.Timeout when ClosedOn(Other(target)) =>
                new IbcRelayMsg.TimeoutOnClose(d.Packet!, counterpartyHeight, ReceiptAbsent: true, _nextRecv.GetValueOrDefault(Other(target), 1UL), relayer),
            DeliveryKind.Timeout =>
                new IbcRelayMsg.TimeoutPacket(d.Packet!, counterpartyHeight, ReceiptAbsent: true, _nextRecv.GetValueOrDefault(Other(target), 1UL), relayer),
            DeliveryKind.CloseConfirm => new IbcRelayMsg.ChannelCloseConfirm(EndOn(target).Port, EndOn(target).Channel),
            _ => throw new InvalidOperationException(d.Kind.ToString()),
        };
        return new CosmosMsg.Relay(msg);
    }

    private readonly HashSet<string> _closedOn = new(StringComparer.Ordinal);

    private bool ClosedOn(string chain) => _closedOn.Contains(chain);

    /// <summary>
    /// Rebuilds what is owed from both chains' committed state, as a relayer clearing packets does after it was down:
    /// commitments without acks are received, acknowledged or timed out according to the counterparty's receipts.
    /// </summary>
    private async Task ClearFromChains()
    {
        var s = _spec!;
        var states = new Dictionary<string, ChainState>(StringComparer.Ordinal);
        foreach (var chain in new[] { s.ChainA, s.ChainB })
        {
            var reply = await _chains.Ask<ChainReply.State>(new ChainCommand.GetState(chain), _askTimeout);
            states[chain] = reply.Value;
            _headers[chain] = ChainGenesis.HeaderOf(reply.Value);
        }
        _deliveries.Clear();
        _inFlight.Clear();
        _closedOn.Clear();
        var now = states.Values.Max(st => st.Time);
        foreach (var (src, dst) in new[] { (s.ChainA, s.ChainB), (s.ChainB, s.ChainA) })
        {
            var (sp, sc) = EndOn(src);
            var (dp, dc) = EndOn(dst);
            var dstState = states[dst];
            var dstEnd = dstState.Ibc.Channel(dp, dc);
            if (dstEnd is null) continue;
            if (dstEnd.State == ChannelState.Closed) _closedOn.Add(dst);
            _nextRecv[dst] = dstEnd.NextSequenceRecv;
            foreach (var p in states[src].Ibc.PendingPackets(sp, sc))
            {
                var received = Order == IbcOrder.Ordered ? dstEnd.NextSequenceRecv > p.Sequence : dstState.Ibc.HasReceipt(dp, dc, p.Sequence);
                if (received)
                {
                    if (dstState.Ibc.Acknowledgement(dp, dc, p.Sequence) is { } ack) Add(new Delivery(DeliveryKind.Ack, src, p.Sequence, p, ack, now));
                }
                else if (dstEnd.State == ChannelState.Closed || p.Timeout.HasPassed(dstState.Height, dstState.Time))
                {
                    Add(new Delivery(DeliveryKind.Timeout, src, p.Sequence, p, null, now));
                }
                else
                {
                    Add(new Delivery(DeliveryKind.Recv, src, p.Sequence, p, null, now));
                }
            }
        }
        var timers = NextTimer();
        if (!timers.IsEmpty) await _clock.Ask<ClockStatus>(new ClockCommand.Schedule(timers), _askTimeout);
    }
}
