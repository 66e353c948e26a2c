using MeshSecurity.Core.Relaying;
using Akka.Actor;
using Akka.Event;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Clock;

namespace MeshSecurity.Emulator.Channels;

/// <summary>
/// One IBC channel, both ends: the wire and the relayer. It sets the path up by submitting the handshake transactions,
/// watches both chains' blocks, and relays each packet, acknowledgement and timeout after a latency drawn from its
/// model, batching up to N messages per transaction. What it knows of pending packets it can always rebuild from the
/// two chains' state (commitments without acks, receipts, acks), which it does after a restart or a pause: the only
/// state it keeps across a crash is its configuration.
/// </summary>
public sealed partial class ChannelActor : ReceiveActor
{
    private readonly string _channelId;
    private readonly IActorRef _chains;
    private readonly IActorRef _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TimeSpan _askTimeout = TimeSpan.FromSeconds(30);

    private ChannelSpec? _spec;
    private ChannelEnds? _ends;
    private bool _open;
    private bool _paused;
    private bool _duplicate;
    private long _sent, _received, _acknowledged, _timedOut, _failedTxs, _restarts, _txCounter;
    private readonly Dictionary<string, ClientHeader> _headers = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(DeliveryKind, string, ulong), Delivery> _deliveries = new();
    private readonly Dictionary<string, List<(DeliveryKind, string, ulong)>> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _nextRecv = new(StringComparer.Ordinal);

    /// <summary>The relayer's account on each chain, which signs its transactions there.</summary>
    private readonly Dictionary<string, Addr> _relayers = new(StringComparer.Ordinal);

    public ChannelActor(string channelId, IActorRef chains, IActorRef clock)
    {
        _channelId = channelId;
        _chains = chains;
        _clock = clock;

        Become(Main);
    }

    private void Main()
    {
        Receive<ChannelCommand.Open>(OnOpen);
        ReceiveAsync<BlockObserved>(OnBlockObserved);
        ReceiveAsync<ChannelTick>(OnTick);
        Receive<ChannelCommand.Pause>(_ =>
        {
            _paused = true;
            Sender.Tell(Info());
        });
        ReceiveAsync<ChannelCommand.Resume>(async _ =>
        {
            var sender = Sender;
            if (_paused && _open)
            {
                _paused = false;
                await ClearFromChains();
            }
            _paused = false;
            sender.Tell(Info());
        });
        Receive<ChannelCommand.GetInfo>(_ => Sender.Tell(Info()));
        Receive<ChannelCommand.DuplicateDeliveries>(m => _duplicate = m.Enabled);
        Receive<ChannelCommand.Crash>(_ => throw new InvalidOperationException($"chaos: relayer {_channelId} crashed"));
        ReceiveAsync<Recover>(async m =>
        {
            _spec = m.Spec;
            _ends = m.Ends;
            _open = m.Open;
            _paused = m.Paused;
            _restarts = m.Restarts + 1;
            foreach (var chain in new[] { m.Spec.ChainA, m.Spec.ChainB })
            {
                var observed = await _chains.Ask<ChainReply.Observed>(new ChainCommand.Observe(chain, _channelId), _askTimeout);
                _headers[chain] = observed.Header;
                _relayers[chain] = Addr.Derive(observed.AddressPrefix, "relayer");
            }
            if (_open && !_paused) await ClearFromChains();
        });
    }

    public static Props Props(string channelId, IActorRef chains, IActorRef clock) =>
        Akka.Actor.Props.Create(() => new ChannelActor(channelId, chains, clock));

    /// <summary>What survives a crash: the configuration and the identifiers. Everything else is rebuilt from the chains.</summary>
    private sealed record Recover(ChannelSpec Spec, ChannelEnds? Ends, bool Open, bool Paused, long Restarts);

    protected override void PreRestart(Exception reason, object message)
    {
        if (_spec is not null) Self.Tell(new Recover(_spec, _ends, _open, _paused, _restarts));
        // children and mailbox stay; the new instance starts from Recover
    }

    private ChannelReply.Info Info() =>
        new(_channelId, _ends, _open, _paused, _sent, _received, _acknowledged, _timedOut, _failedTxs, _deliveries.Count, _restarts, _refusedStep, _refusedError);

    /// <summary>Transaction ids are never reused, also across restarts (a chain ignores an id it has seen).</summary>
    private string NextTxId() => $"{_channelId}/{_restarts}/{++_txCounter}";

    private string Other(string chain) => chain == _spec!.ChainA ? _spec.ChainB : _spec.ChainA;

    private (string Port, string Channel) EndOn(string chain) =>
        chain == _ends!.ChainA ? (_ends.PortA, _ends.ChannelA) : (_ends.PortB, _ends.ChannelB);

    private string ClientOn(string chain) => chain == _ends!.ChainA ? _ends.ClientA : _ends.ClientB;


    private IbcOrder Order => _spec!.Order;
}
