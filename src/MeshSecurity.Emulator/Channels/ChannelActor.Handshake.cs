using MeshSecurity.Core.Relaying;
using System.Collections.Immutable;
using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;

namespace MeshSecurity.Emulator.Channels;

public sealed partial class ChannelActor
{
    private IActorRef _opener = ActorRefs.Nobody;
    private readonly Dictionary<string, (string Step, string Chain)> _handshakeTxs = new(StringComparer.Ordinal);
    private int _handshakeStep;
    private string? _refusedStep, _refusedError;
    private string _clientA = "", _clientB = "", _connA = "", _connB = "", _chanA = "", _chanB = "";

    private void OnOpen(ChannelCommand.Open m)
    {
        if (_spec is not null)
        {
            Sender.Tell(new ChannelReply.Opening(_channelId));
            return;
        }
        _spec = m.Spec;
        _opener = Sender;
        var self = Self;
        var chains = new[] { m.Spec.ChainA, m.Spec.ChainB };
        // observe both chains first: from now on every block of theirs reaches this relayer
        Task.WhenAll(chains.Select(c => _chains.Ask<ChainReply.Observed>(new ChainCommand.Observe(c, _channelId), _askTimeout)))
            .PipeTo(self, success: replies => new ObservedBoth([.. replies]));
        Become(Observing);
    }

    private sealed record ObservedBoth(ImmutableArray<ChainReply.Observed> Replies);

    private void Observing()
    {
        ReceiveAsync<ObservedBoth>(async m =>
        {
            foreach (var r in m.Replies)
            {
                _headers[r.ChainId] = r.Header;
                _relayers[r.ChainId] = Core.Types.Addr.Derive(r.AddressPrefix, "relayer");
            }
            if (_spec!.Connection is { } c)
            {
                (_clientA, _connA, _clientB, _connB) = (c.ClientA, c.ConnectionA, c.ClientB, c.ConnectionB);
                _handshakeStep = 5;
            }
            Become(Main);
            await NextHandshakeStep();
            _opener.Tell(new ChannelReply.Opening(_channelId));
        });
        Receive<Status.Failure>(f =>
        {
            (_refusedStep, _refusedError) = ("observe", f.Cause.Message);
            _opener.Tell(new ChannelReply.Refused(_channelId, "observe", f.Cause.Message));
            Become(Main);
        });
        ReceiveAsync<BlockObserved>(async b =>
        {
            // not set up yet: nothing to relay
            Sender.Tell(new BlockAck(_channelId, b.ChainId, b.Block.Height, []));
            await Task.CompletedTask;
        });
    }

    /// <summary>Submits the next handshake transaction(s); each step waits for the previous one's block.</summary>
    private async Task NextHandshakeStep()
    {
        var s = _spec!;
        var a = s.ChainA;
        var b = s.ChainB;
        CosmosMsg Relay(IbcRelayMsg msg) => new CosmosMsg.Relay(msg);
        CosmosMsg UpdateOn(string chain, string client) => Relay(new IbcRelayMsg.UpdateClient(client, _headers[Other(chain)]));
        const ulong trust = 14 * 24 * 3600;
        switch (_handshakeStep)
        {
            case 0:
                await SubmitHandshake("create_client", a, Relay(new IbcRelayMsg.CreateClient(_headers[b], trust)));
                await SubmitHandshake("create_client", b, Relay(new IbcRelayMsg.CreateClient(_headers[a], trust)));
                break;
            case 1:
                await SubmitHandshake("connection_open_init", a, Relay(new IbcRelayMsg.ConnectionOpenInit(_clientA, _clientB)));
                break;
            case 2:
                await SubmitHandshake("connection_open_try", b, UpdateOn(b, _clientB), Relay(new IbcRelayMsg.ConnectionOpenTry(_clientB, _clientA, _connA)));
                break;
            case 3:
                await SubmitHandshake("connection_open_ack", a, UpdateOn(a, _clientA), Relay(new IbcRelayMsg.ConnectionOpenAck(_connA, _connB)));
                break;
            case 4:
                await SubmitHandshake("connection_open_confirm", b, UpdateOn(b, _clientB), Relay(new IbcRelayMsg.ConnectionOpenConfirm(_connB)));
                break;
            case 5:
                await SubmitHandshake("channel_open_init", a, UpdateOn(a, _clientA), Relay(new IbcRelayMsg.ChannelOpenInit(s.PortA, _connA, s.PortB, s.Order, s.Version)));
                break;
            case 6:
                await SubmitHandshake("channel_open_try", b, UpdateOn(b, _clientB),
                    Relay(new IbcRelayMsg.ChannelOpenTry(s.PortB, _connB, new IbcEndpoint(s.PortA, _chanA), s.Order, s.Version, s.Version)));
                break;
            case 7:
                await SubmitHandshake("channel_open_ack", a, UpdateOn(a, _clientA), Relay(new IbcRelayMsg.ChannelOpenAck(s.PortA, _chanA, _chanB, s.Version)));
                break;
            case 8:
                await SubmitHandshake("channel_open_confirm", b, UpdateOn(b, _clientB), Relay(new IbcRelayMsg.ChannelOpenConfirm(s.PortB, _chanB)));
                break;
            default:
                _ends = new ChannelEnds(a, _clientA, _connA, s.PortA, _chanA, b, _clientB, _connB, s.PortB, _chanB);
                _open = true;
                break;
        }
    }

    private async Task SubmitHandshake(string step, string chain, params CosmosMsg[] msgs)
    {
        var id = NextTxId();
        _handshakeTxs[id] = (step, chain);
        // waits for the chain to accept it, so it is in the chain's next block; the result comes with that block
        await _chains.Ask<ChainReply.Accepted>(new ChainCommand.SubmitTx(chain, new Tx(_relayers[chain], [.. msgs], id), Core.Types.Timestamp.Zero, _channelId), _askTimeout);
    }

    /// <summary>Reads the handshake transactions' results out of a block and moves the handshake on.</summary>
    private async Task HandshakeProgress(BlockResult block, string chain)
    {
        foreach (var tx in block.TxResults)
        {
            if (!_handshakeTxs.Remove(tx.TxId, out var step)) continue;
            if (!tx.IsSuccess)
            {
                (_refusedStep, _refusedError) = (step.Step, tx.Error!.ToString());
                _handshakeStep = -1;
                return;
            }
            string Data(int i) => (string)tx.MsgData[i]!;
            switch (step.Step)
            {
                case "create_client" when chain == _spec!.ChainA: _clientA = Data(0); break;
                case "create_client": _clientB = Data(0); break;
                case "connection_open_init": _connA = Data(0); break;
                case "connection_open_try": _connB = Data(1); break;
                case "channel_open_init": _chanA = Data(1); break;
                case "channel_open_try": _chanB = Data(1); break;
            }
            if (_chanA.Length > 0)
                _ends = new ChannelEnds(_spec!.ChainA, _clientA, _connA, _spec.PortA, _chanA, _spec.ChainB, _clientB, _connB, _spec.PortB, _chanB);
            if (_handshakeTxs.Count == 0)
            {
                _handshakeStep++;
                await NextHandshakeStep();
            }
        }
    }
}
