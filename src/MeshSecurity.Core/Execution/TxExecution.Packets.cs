using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

public sealed partial class TxExecution
{
    /// <summary>
    /// ICS-004 receive. A duplicate (receipt present, or an ordered sequence already passed) is a no-op, as ibc-go's
    /// redundant-relay check makes it. The application callback runs in its own scope: if it fails, its effects are
    /// rolled back and an error acknowledgement is written instead; the receipt stays either way. A packet whose kind
    /// governance injects error acks for (<see cref="IbcState.InjectsErrorAck"/>) gets one without reaching the application.
    /// </summary>
    private void RecvPacket(Frame f, IbcRelayMsg.RecvPacket m)
    {
        var p = RequireSequence(m.Packet);
        var end = RequireChannelIn(p.Destination.PortId, p.Destination.ChannelId, ChannelState.Open);
        if (end.Counterparty != p.Source) throw new IbcError.InvalidPacket($"source {p.Source} is not the channel's counterparty {end.Counterparty}").Raise();
        RequireTrusted(end, m.ProofHeight);
        if (p.Timeout.HasPassed(_state.Height, _state.Time)) throw new IbcError.PacketTimedOut(p.ToString()).Raise();

        var key = new PacketKey(p.Destination.PortId, p.Destination.ChannelId, p.Sequence);
        var ibc = _state.Ibc;
        if (end.Order == IbcOrder.Unordered)
        {
            if (ibc.HasReceipt(key.PortId, key.ChannelId, key.Sequence))
            {
                Redundant(p.Destination, Relaying.DeliveryKind.Recv);
                Pop(f);
                return;
            }
            ibc = ibc.WithReceipt(key, _state.Height, _state.Config.KeepHistory);
        }
        else
        {
            if (p.Sequence < end.NextSequenceRecv)
            {
                Redundant(p.Destination, Relaying.DeliveryKind.Recv);
                Pop(f);
                return;
            }
            if (p.Sequence > end.NextSequenceRecv) throw new IbcError.SequenceMismatch(p.ToString(), end.NextSequenceRecv).Raise();
            ibc = ibc.SetChannel(end with { NextSequenceRecv = end.NextSequenceRecv + 1 });
        }
        SetIbc(ibc);
        Emit(IbcEvents.Packet(IbcEvents.RecvPacket, p));

        f.Become(FrameKind.Recv);
        f.Subject = p;
        f.Contract = PortOwner(p.Destination.PortId);
        f.Flag = _state.Ibc.InjectsErrorAck(p.Destination, p.Data);
        if (f.Flag) return; // the acknowledgement at once (StepRecv's first step)
        OpenScope();
        f.Pc = 1;
        if (f.Contract is { } contract) PushEntry(contract, new ContractCall.PacketReceive(p, m.Relayer), guarded: true);
        else Push(FrameKind.TransferReceive, guarded: true).Subject = p;
    }

    /// <summary>The transfer module's receive, guarded like a contract's callback.</summary>
    private ExecutorRequest? StepTransferReceive(Frame f)
    {
        _state = TransferModule.Receive(_state, (IbcPacket)f.Subject!);
        Pop(f);
        return null;
    }

    /// <summary>After the application's callback (or at once for an injected error): its scope's end, then the ack.</summary>
    private ExecutorRequest? StepRecv(Frame f)
    {
        var p = (IbcPacket)f.Subject!;
        if (f.Pc == 1)
        {
            f.Error = TakeCaught();
            f.Extra = f.Error is null && f.Contract is not null ? _childResponse : null;
            f.Pc = 2;
            return CloseScope(commit: f.Error is null);
        }
        var ack = f.Flag
            ? Acknowledgement.Failure(InjectedErrorAck)
            : f.Error is { } e
            ? Acknowledgement.Failure(e.ToString())
            : f.Contract is null
                ? Acknowledgement.Success([0x01])
                : ((Response?)f.Extra)?.Acknowledgement ?? Acknowledgement.Failure("the contract returned no acknowledgement");
        var bytes = ack.ToBytes();
        _state.Ibc.Acks.Set(new PacketKey(p.Destination.PortId, p.Destination.ChannelId, p.Sequence), bytes);
        Emit(IbcEvents.WriteAck(p, bytes, ack.IsSuccess));
        Pop(f);
        return null;
    }

    /// <summary>The error an injected error acknowledgement carries.</summary>
    public const string InjectedErrorAck = "injected error acknowledgement (ibc.error-ack)";

    /// <summary>ICS-004 acknowledge: deletes the commitment and calls the sender's ack callback exactly once.</summary>
    private void AcknowledgePacket(Frame f, IbcRelayMsg.AcknowledgePacket m)
    {
        var p = RequireSequence(m.Packet);
        var key = new PacketKey(p.Source.PortId, p.Source.ChannelId, p.Sequence);
        if (!_state.Ibc.Commitments.TryGetValue(key, out var committed))
        {
            Redundant(p.Source, Relaying.DeliveryKind.Ack); // already acknowledged or timed out
            Pop(f);
            return;
        }
        if (!committed.MatchesCommitment(p)) throw new IbcError.CommitmentMismatch(p.ToString()).Raise();
        var end = _state.Ibc.RequireChannel(p.Source.PortId, p.Source.ChannelId);
        RequireTrusted(end, m.ProofHeight);
        if (end.Order == IbcOrder.Ordered && p.Sequence != end.NextSequenceAck)
            throw new IbcError.SequenceMismatch(p.ToString(), end.NextSequenceAck).Raise();
        var ibc = _state.Ibc;
        ibc.Commitments.Remove(key);
        if (end.Order == IbcOrder.Ordered) ibc = ibc.SetChannel(end with { NextSequenceAck = end.NextSequenceAck + 1 });
        SetIbc(ibc);
        var ack = Acknowledgement.FromBytes(m.Acknowledgement);
        Emit(IbcEvents.Acknowledge(p, ack.IsSuccess));

        if (PortOwner(p.Source.PortId) is { } contract)
        {
            CallDroppingData(f, contract, new ContractCall.PacketAck(p, ack, m.Relayer));
        }
        else
        {
            // decoded once for the refund and the callback (the value itself when the packet was sent in this process)
            var data = p.DataAs<FungibleTokenPacketData>();
            if (!ack.IsSuccess) _state = TransferModule.Refund(_state, p, data);
            TransferCallback(f, p, data.Sender, ack.IsSuccess, timedOut: false);
        }
    }

    /// <summary>
    /// ICS-004 timeout: valid only if the destination, at the proof height the client trusts, had passed the timeout
    /// without receiving the packet. Deletes the commitment, calls the sender's timeout callback once, and closes an
    /// ordered channel.
    /// </summary>
    private void TimeoutPacket(Frame f, IbcPacket p, ulong proofHeight, bool receiptAbsent, ulong nextSequenceRecv, Types.Addr relayer,
        bool onClose)
    {
        var key = new PacketKey(p.Source.PortId, p.Source.ChannelId, RequireSequence(p).Sequence);
        if (!_state.Ibc.Commitments.TryGetValue(key, out var committed))
        {
            Redundant(p.Source, Relaying.DeliveryKind.Timeout);
            Pop(f);
            return;
        }
        if (!committed.MatchesCommitment(p)) throw new IbcError.CommitmentMismatch(p.ToString()).Raise();
        var end = _state.Ibc.RequireChannel(p.Source.PortId, p.Source.ChannelId);
        var client = _state.Ibc.ClientOfConnection(end.ConnectionId);
        if (client.Frozen) throw new IbcError.ClientFrozen(client.ClientId).Raise();
        var destTime = _state.Ibc.ConsensusTime(client.ClientId, proofHeight);
        if (!onClose && !p.Timeout.HasPassed(proofHeight, destTime)) throw new IbcError.TimeoutNotReached(p.ToString()).Raise();
        if (end.Order == IbcOrder.Unordered ? !receiptAbsent : nextSequenceRecv > p.Sequence)
            throw new IbcError.PacketReceived(p.ToString()).Raise();

        var ibc = _state.Ibc;
        ibc.Commitments.Remove(key);
        if (end.Order == IbcOrder.Ordered && end.State != ChannelState.Closed)
        {
            end = end with { State = ChannelState.Closed };
            ibc = ibc.SetChannel(end);
            Emit(IbcEvents.Channel(IbcEvents.ChannelClosed, end));
        }
        SetIbc(ibc);
        Emit(IbcEvents.Packet(IbcEvents.TimeoutPacket, p));

        if (PortOwner(p.Source.PortId) is { } contract)
        {
            CallDroppingData(f, contract, new ContractCall.PacketTimeout(p, relayer));
        }
        else
        {
            var data = p.DataAs<FungibleTokenPacketData>();
            _state = TransferModule.Refund(_state, p, data);
            TransferCallback(f, p, data.Sender, success: false, timedOut: true);
        }
    }

    /// <summary>Tells a contract that sent an ICS-20 transfer how it ended; its failure is rolled back and ignored.</summary>
    /// <summary>Sequences start at 1: ibc-go's packet ValidateBasic refuses 0 (a receipt mark of 1 would take it as received).</summary>
    private static IbcPacket RequireSequence(IbcPacket p) =>
        p.Sequence != 0 ? p : throw new IbcError.InvalidPacket("packet sequence cannot be 0").Raise();

    private void TransferCallback(Frame f, IbcPacket p, string packetSender, bool success, bool timedOut)
    {
        var sender = Types.Addr.Validate(packetSender, _state.Prefix);
        if (_state.Wasm.Get(sender) is null)
        {
            Pop(f);
            return;
        }
        OpenScope();
        f.Become(FrameKind.TransferCallback, pc: 1);
        f.Data = null;
        var msg = new Apis.TransferLifecycle.Completed(p.Source.ChannelId, p.Sequence, success, timedOut);
        PushEntry(sender, new ContractCall.Sudo(msg), guarded: true);
    }

    private ExecutorRequest? StepTransferCallback(Frame f)
    {
        if (f.Pc == 1)
        {
            f.Pc = 2;
            return CloseScope(commit: TakeCaught() is null);
        }
        Pop(f);
        return null;
    }

    /// <summary>The frame ends with no data once the callback ends (a packet callback's data is not the relayer's).</summary>
    private void CallDroppingData(Frame f, Types.Addr contract, ContractCall call)
    {
        f.Become(FrameKind.Drop);
        PushEntry(contract, call);
    }

    private void RequireTrusted(ChannelEnd end, ulong proofHeight)
    {
        var client = _state.Ibc.ClientOfConnection(end.ConnectionId);
        if (client.Frozen) throw new IbcError.ClientFrozen(client.ClientId).Raise();
        if (proofHeight > client.LatestHeight) throw new IbcError.ProofHeightNotTrusted(proofHeight, client.LatestHeight).Raise();
    }

    /// <summary>
    /// A redundant relay (ibc-go's ErrNoOpMsg): the message succeeds without an effect or a packet event; the chain only
    /// counts it, so a run can show what racing or duplicating relayers cost.
    /// </summary>
    private void Redundant(IbcEndpoint end, Relaying.DeliveryKind kind) =>
        SetIbc(_state.Ibc.CountRedundant(end, kind));
}
