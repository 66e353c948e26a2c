using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

public sealed partial class TxExecution
{
    /// <summary>
    /// A relayer's message: the client and connection messages end the frame with their data; a channel's handshake
    /// and a packet's delivery go on as the frame that calls the bound module.
    /// </summary>
    private void Relay(Frame f, IbcRelayMsg msg)
    {
        switch (msg)
        {
            case IbcRelayMsg.CreateClient m:
            {
                (var ibc, var id) = _state.Ibc.CreateClient(m.Header, m.TrustingPeriodSeconds, m.MaxClockDriftSeconds);
                SetIbc(ibc);
                Emit(CreateClientFields.Event(id, m.Header.ChainId));
                f.Data = id;
                break;
            }
            case IbcRelayMsg.UpdateClient m:
                SetIbc(_state.Ibc.UpdateClient(m.ClientId, m.Header, _state.Time, _state.Config.KeepHistory));
                Emit(ClientFields.Update(m.ClientId, m.Header.Height));
                break;
            case IbcRelayMsg.ConnectionOpenInit m:
            {
                (var ibc, var id) = _state.Ibc.OpenConnection(m.ClientId, m.CounterpartyClientId, null, ConnectionState.Init);
                SetIbc(ibc);
                Emit(ConnectionFields.Event(IbcEvents.ConnectionOpenInit, id, m.ClientId));
                f.Data = id;
                break;
            }
            case IbcRelayMsg.ConnectionOpenTry m:
            {
                (var ibc, var id) = _state.Ibc.OpenConnection(m.ClientId, m.CounterpartyClientId, m.CounterpartyConnectionId, ConnectionState.TryOpen);
                SetIbc(ibc);
                Emit(ConnectionFields.Event(IbcEvents.ConnectionOpenTry, id, m.ClientId));
                f.Data = id;
                break;
            }
            case IbcRelayMsg.ConnectionOpenAck m:
                SetIbc(_state.Ibc.AdvanceConnection(m.ConnectionId, ConnectionState.Init, m.CounterpartyConnectionId));
                Emit(ConnectionFields.Event(IbcEvents.ConnectionOpenAck, m.ConnectionId));
                break;
            case IbcRelayMsg.ConnectionOpenConfirm m:
                SetIbc(_state.Ibc.AdvanceConnection(m.ConnectionId, ConnectionState.TryOpen, null));
                Emit(ConnectionFields.Event(IbcEvents.ConnectionOpenConfirm, m.ConnectionId));
                break;
            case IbcRelayMsg.ChannelOpenInit m:
            {
                (var ibc, var end) = _state.Ibc.NewChannel(m.PortId, m.ConnectionId, new IbcEndpoint(m.CounterpartyPortId, ""), m.Order, m.Version, ChannelState.Init);
                SetIbc(ibc);
                HandshakeCallback(f, end, new ContractCall.ChannelOpen(end.ToChannel(), null), IbcEvents.ChannelOpenInit,
                    end.Endpoint.ChannelId);
                return;
            }
            case IbcRelayMsg.ChannelOpenTry m:
            {
                (var ibc, var end) = _state.Ibc.NewChannel(m.PortId, m.ConnectionId, m.Counterparty, m.Order, m.Version, ChannelState.TryOpen);
                SetIbc(ibc);
                HandshakeCallback(f, end, new ContractCall.ChannelOpen(end.ToChannel(), m.CounterpartyVersion),
                    IbcEvents.ChannelOpenTry, end.Endpoint.ChannelId);
                return;
            }
            case IbcRelayMsg.ChannelOpenAck m:
            {
                var end = RequireChannelIn(m.PortId, m.ChannelId, ChannelState.Init);
                end = end with { State = ChannelState.Open, Counterparty = end.Counterparty with { ChannelId = m.CounterpartyChannelId } };
                SetIbc(_state.Ibc.SetChannel(end));
                HandshakeCallback(f, end, new ContractCall.ChannelConnect(end.ToChannel(), m.CounterpartyVersion),
                    IbcEvents.ChannelOpenAck, null);
                return;
            }
            case IbcRelayMsg.ChannelOpenConfirm m:
            {
                var end = RequireChannelIn(m.PortId, m.ChannelId, ChannelState.TryOpen) with { State = ChannelState.Open };
                SetIbc(_state.Ibc.SetChannel(end));
                HandshakeCallback(f, end, new ContractCall.ChannelConnect(end.ToChannel(), null), IbcEvents.ChannelOpenConfirm, null);
                return;
            }
            case IbcRelayMsg.ChannelCloseConfirm m:
            {
                var end = _state.Ibc.RequireChannel(m.PortId, m.ChannelId);
                if (end.State == ChannelState.Closed) break;
                end = end with { State = ChannelState.Closed };
                SetIbc(_state.Ibc.SetChannel(end));
                HandshakeCallback(f, end, new ContractCall.ChannelClose(end.ToChannel()), IbcEvents.ChannelCloseConfirm, null);
                return;
            }
            case IbcRelayMsg.RecvPacket m:
                RecvPacket(f, m);
                return;
            case IbcRelayMsg.AcknowledgePacket m:
                AcknowledgePacket(f, m);
                return;
            case IbcRelayMsg.TimeoutPacket m:
                TimeoutPacket(f, m.Packet, m.ProofHeight, m.ReceiptAbsent, m.NextSequenceRecv, m.Relayer, onClose: false);
                return;
            case IbcRelayMsg.TimeoutOnClose m:
                TimeoutPacket(f, m.Packet, m.ProofHeight, m.ReceiptAbsent, m.NextSequenceRecv, m.Relayer, onClose: true);
                return;
            default:
                throw new StdError.Generic($"unknown relayer message {msg.GetType().Name}").Raise();
        }
        Pop(f);
    }

    private ChannelEnd RequireChannelIn(string port, string channel, ChannelState state)
    {
        var end = _state.Ibc.RequireChannel(port, channel);
        if (end.State != state) throw new IbcError.InvalidChannelState(port, channel, state.ToString(), end.State.ToString()).Raise();
        return end;
    }

    /// <summary>The contract bound to a port, or null for the transfer module; raises for an unbound port.</summary>
    private Addr? PortOwner(string port)
    {
        if (port == TransferModule.PortId) return null;
        return _state.Wasm.PortOwners.TryGetValue(port, out var owner) ? owner : throw new IbcError.PortNotBound(port).Raise();
    }

    /// <summary>
    /// Handshake and close callbacks: the bound module may refuse, which fails the relayer's message. The frame goes on
    /// as a <see cref="FrameKind.Channel"/> frame, which emits the channel's event and ends with <paramref name="data"/>.
    /// </summary>
    private void HandshakeCallback(Frame f, ChannelEnd end, ContractCall call, string eventType, object? data)
    {
        f.Become(FrameKind.Channel, pc: 1);
        f.Subject = end;
        f.Extra = eventType;
        f.Data = data;
        var owner = PortOwner(end.Endpoint.PortId);
        if (owner is null)
        {
            if (call is ContractCall.ChannelOpen) TransferModule.CheckHandshake(end.Order, end.Version);
            return;
        }
        PushEntry(owner.Value, call);
    }

    private ExecutorRequest? StepChannel(Frame f)
    {
        Emit(IbcEvents.Channel((string)f.Extra!, (ChannelEnd)f.Subject!));
        Pop(f);
        return null;
    }

    private void CloseChannelInit(Frame f, string port, string channel)
    {
        var end = RequireChannelIn(port, channel, ChannelState.Open) with { State = ChannelState.Closed };
        SetIbc(_state.Ibc.SetChannel(end));
        HandshakeCallback(f, end, new ContractCall.ChannelClose(end.ToChannel()), IbcEvents.ChannelCloseInit, null);
    }
}
