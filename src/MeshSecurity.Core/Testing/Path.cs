using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Testing;

/// <summary>
/// Two endpoints on two chains and the relayer between them: it performs the handshakes and relays packets, acks
/// and timeouts on demand. It keeps no state of its own about packets: what is pending is read from the chains
/// (commitments on the source, receipts and acks on the destination), as a relayer clearing packets does.
/// </summary>
public sealed class Path
{
    private readonly Coordinator _coordinator;

    internal Path(Coordinator coordinator, Endpoint a, Endpoint b)
    {
        _coordinator = coordinator;
        A = a;
        B = b;
    }

    public Endpoint A { get; }
    public Endpoint B { get; }

    /// <summary>While paused, <see cref="Relay"/> does nothing (a stopped relayer).</summary>
    public bool Paused { get; set; }

    public Endpoint Counterparty(Endpoint e) => ReferenceEquals(e, A) ? B : A;

    internal void SetupConnection()
    {
        A.ClientId = (string)Must(A, Msg(new IbcRelayMsg.CreateClient(B.Chain.Header(), TrustingPeriod(B.Chain)))).MsgData[0]!;
        B.ClientId = (string)Must(B, Msg(new IbcRelayMsg.CreateClient(A.Chain.Header(), TrustingPeriod(A.Chain)))).MsgData[0]!;
        A.ConnectionId = (string)Must(A, Msg(new IbcRelayMsg.ConnectionOpenInit(A.ClientId, B.ClientId))).MsgData[0]!;
        UpdateClient(B);
        B.ConnectionId = (string)Must(B, Msg(new IbcRelayMsg.ConnectionOpenTry(B.ClientId, A.ClientId, A.ConnectionId))).MsgData[0]!;
        UpdateClient(A);
        Must(A, Msg(new IbcRelayMsg.ConnectionOpenAck(A.ConnectionId, B.ConnectionId)));
        UpdateClient(B);
        Must(B, Msg(new IbcRelayMsg.ConnectionOpenConfirm(B.ConnectionId)));
    }

    /// <summary>Runs the four-step channel handshake; throws if a step is refused (see <see cref="TryOpenChannel"/>).</summary>
    public void OpenChannel()
    {
        var failed = TryOpenChannel();
        if (failed is not null) throw new InvalidOperationException($"channel handshake refused: {failed}");
    }

    /// <summary>Runs the handshake and returns the first refused step's result, or null when the channel is open.</summary>
    public TxResult? TryOpenChannel()
    {
        var init = Deliver(A, Msg(new IbcRelayMsg.ChannelOpenInit(A.PortId, A.ConnectionId, B.PortId, A.Order, A.Version)));
        if (!init.IsSuccess) return init;
        A.ChannelId = (string)init.MsgData[0]!;
        UpdateClient(B);
        var tryOpen = Deliver(B, Msg(new IbcRelayMsg.ChannelOpenTry(B.PortId, B.ConnectionId, new IbcEndpoint(A.PortId, A.ChannelId), B.Order, B.Version, A.Version)));
        if (!tryOpen.IsSuccess) return tryOpen;
        B.ChannelId = (string)tryOpen.MsgData[0]!;
        UpdateClient(A);
        var ack = Deliver(A, Msg(new IbcRelayMsg.ChannelOpenAck(A.PortId, A.ChannelId, B.ChannelId, B.Version)));
        if (!ack.IsSuccess) return ack;
        UpdateClient(B);
        var confirm = Deliver(B, Msg(new IbcRelayMsg.ChannelOpenConfirm(B.PortId, B.ChannelId)));
        return confirm.IsSuccess ? null : confirm;
    }

    /// <summary>
    /// Relays in both directions until nothing is pending: packets to their destination (or timeouts back to the
    /// source once the destination has passed a packet's timeout), then acknowledgements back.
    /// </summary>
    public RelayStats Relay(int maxRounds = 50)
    {
        var total = new RelayStats();
        if (Paused) return total;
        for (var round = 0; round < maxRounds; round++)
        {
            var r = RelayOnce(A, B) + RelayOnce(B, A);
            total += r;
            if (!r.MadeProgress) return total; // nothing moved, or only failures that retrying will not fix
        }
        throw new InvalidOperationException($"relaying did not settle after {maxRounds} rounds");
    }

    /// <summary>
    /// One pass from <paramref name="src"/> to <paramref name="dst"/>: completes a channel close, then receives or
    /// times out pending packets, then acknowledges. On an ordered channel only the packets in sequence are received;
    /// one that timed out closes the channel, and what is queued behind it is timed out on close.
    /// </summary>
    private RelayStats RelayOnce(Endpoint src, Endpoint dst)
    {
        var stats = new RelayStats();
        var srcEnd = src.Chain.State.Ibc.RequireChannel(src.PortId, src.ChannelId);
        var dstEnd = dst.Chain.State.Ibc.RequireChannel(dst.PortId, dst.ChannelId);
        if (srcEnd.State == ChannelState.Closed && dstEnd.State == ChannelState.Open)
        {
            UpdateClientTx(dst);
            dst.Chain.Submit(Execution.Tx.Of(dst.Relayer, Msg(new IbcRelayMsg.ChannelCloseConfirm(dst.PortId, dst.ChannelId))));
            _coordinator.CommitBlock(dst.Chain);
            dstEnd = dst.Chain.State.Ibc.RequireChannel(dst.PortId, dst.ChannelId);
            stats = stats with { Closed = 1 };
        }

        var pending = src.Chain.State.Ibc.PendingPackets(src.PortId, src.ChannelId).ToList();
        if (pending.Count == 0) return stats;

        var recvs = new List<CosmosMsg>();
        var timeouts = new List<IbcPacket>();
        var nextInOrder = dstEnd.NextSequenceRecv;
        var needsDestinationBlock = false;
        foreach (var p in pending)
        {
            if (Delivered(dst, dstEnd, p)) continue;
            if (dstEnd.State == ChannelState.Closed || p.Timeout.HasPassed(dst.Chain.Height, dst.Chain.Time))
            {
                timeouts.Add(p);
            }
            else if (p.Timeout.HasPassed(dst.Chain.Height + 1, _coordinator.Now))
            {
                // the receive would land in a block that is already past the timeout: prove the timeout instead,
                // from a destination block at that time
                timeouts.Add(p);
                needsDestinationBlock = true;
            }
            else if (srcEnd.State == ChannelState.Open && (dstEnd.Order == IbcOrder.Unordered || p.Sequence == nextInOrder))
            {
                recvs.Add(Msg(new IbcRelayMsg.RecvPacket(p, src.Chain.Height, dst.Relayer)));
                nextInOrder++;
            }
        }
        if (recvs.Count > 0)
        {
            UpdateClientTx(dst);
            foreach (var m in recvs) dst.Chain.Submit(Execution.Tx.Of(dst.Relayer, m));
            var block = _coordinator.CommitBlock(dst.Chain)[0];
            stats = stats with { Received = block.TxResults.Skip(1).Count(t => t.IsSuccess), Failed = block.TxResults.Skip(1).Count(t => !t.IsSuccess) };
        }

        if (needsDestinationBlock && recvs.Count == 0) _coordinator.CommitBlock(dst.Chain);

        // acknowledgements and timeouts go back to the source in one block
        dstEnd = dst.Chain.State.Ibc.RequireChannel(dst.PortId, dst.ChannelId);
        var back = new List<CosmosMsg>();
        var acks = 0;
        foreach (var p in src.Chain.State.Ibc.PendingPackets(src.PortId, src.ChannelId))
        {
            if (dst.Chain.State.Ibc.Acknowledgement(dst.PortId, dst.ChannelId, p.Sequence) is { } ack)
            {
                back.Add(Msg(new IbcRelayMsg.AcknowledgePacket(p, ack, dst.Chain.Height, src.Relayer)));
                acks++;
            }
            else if (timeouts.Contains(p) && !Delivered(dst, dstEnd, p))
            {
                back.Add(dstEnd.State == ChannelState.Closed
                    ? Msg(new IbcRelayMsg.TimeoutOnClose(p, dst.Chain.Height, ReceiptAbsent: true, dstEnd.NextSequenceRecv, src.Relayer))
                    : Msg(new IbcRelayMsg.TimeoutPacket(p, dst.Chain.Height, ReceiptAbsent: true, dstEnd.NextSequenceRecv, src.Relayer)));
                // an ordered channel closes on its first timeout: the rest are timed out on close in the next round
                if (dstEnd.Order == IbcOrder.Ordered && dstEnd.State != ChannelState.Closed) break;
            }
        }
        if (back.Count == 0) return stats;
        UpdateClientTx(src);
        foreach (var m in back) src.Chain.Submit(Execution.Tx.Of(src.Relayer, m));
        var srcBlock = _coordinator.CommitBlock(src.Chain)[0];
        var failed = srcBlock.TxResults.Skip(1).Count(t => !t.IsSuccess);
        return stats with { Acknowledged = stats.Acknowledged + acks, TimedOut = stats.TimedOut + back.Count - acks, Failed = stats.Failed + failed };
    }

    private static bool Delivered(Endpoint dst, ChannelEnd dstEnd, IbcPacket p) =>
        dstEnd.Order == IbcOrder.Unordered
            ? dst.Chain.State.Ibc.HasReceipt(dst.PortId, dst.ChannelId, p.Sequence)
            : dstEnd.NextSequenceRecv > p.Sequence;

    /// <summary>Brings <paramref name="e"/>'s light client of the counterparty to the counterparty's latest header, in its own block.</summary>
    public void UpdateClient(Endpoint e)
    {
        UpdateClientTx(e);
        var block = _coordinator.CommitBlock(e.Chain)[0];
        if (!block.TxResults[^1].IsSuccess) throw new InvalidOperationException($"client update failed: {block.TxResults[^1]}");
    }

    private void UpdateClientTx(Endpoint e) =>
        e.Chain.Submit(Execution.Tx.Of(e.Relayer, Msg(new IbcRelayMsg.UpdateClient(e.ClientId, Counterparty(e).Chain.Header()))));

    private TxResult Deliver(Endpoint e, CosmosMsg msg) => _coordinator.Deliver(e.Chain, Execution.Tx.Of(e.Relayer, msg));

    private TxResult Must(Endpoint e, CosmosMsg msg)
    {
        var r = Deliver(e, msg);
        if (!r.IsSuccess) throw new InvalidOperationException($"{e.Chain.ChainId}: {r}");
        return r;
    }

    private static CosmosMsg Msg(IbcRelayMsg m) => new CosmosMsg.Relay(m);

    private static ulong TrustingPeriod(ChainApp counterparty) => counterparty.State.Config.UnbondingPeriodSeconds * 2 / 3;
}
