using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Relaying;

public sealed partial class Relayer
{
    private readonly Dictionary<string, (HandshakeStep Step, string Chain)> _handshakeTxs = new(StringComparer.Ordinal);
    private string _clientA = "", _clientB = "", _connA = "", _connB = "", _chanA = "", _chanB = "";
    private ChannelEnds? _ends;
    private bool _channelWanted;

    public HandshakeStep Step { get; private set; } = HandshakeStep.NotStarted;

    public bool IsOpen => Step == HandshakeStep.Open;

    /// <summary>The identifiers on both chains, once chain A's channel id is known (the rest fill in as the handshake goes).</summary>
    public ChannelEnds? Ends => _ends;

    /// <summary>The connection's identifiers once it is open (a second channel between the same chains reuses them).</summary>
    public ChannelEnds? Connection => Step is >= HandshakeStep.ConnectionOpen and < HandshakeStep.Refused
        ? new ChannelEnds(Spec.ChainA, _clientA, _connA, Spec.PortA, _chanA, Spec.ChainB, _clientB, _connB, Spec.PortB, _chanB)
        : null;

    /// <summary>The step a chain refused (snake case, as ibc-go names the message), its error and transaction.</summary>
    public string? RefusedStep { get; private set; }
    public string? RefusedError { get; private set; }
    public string? RefusedTxId { get; private set; }

    /// <summary>The channel end on <paramref name="chain"/>, once its channel id is known: what a chain's digests are cut for.</summary>
    public IbcEndpoint? EndOn(string chain) => chain == Spec.ChainA
        ? _chanA.Length > 0 ? new IbcEndpoint(Spec.PortA, _chanA) : null
        : _chanB.Length > 0 ? new IbcEndpoint(Spec.PortB, _chanB) : null;

    private string ClientOn(string chain) => chain == Spec.ChainA ? _clientA : _clientB;
    private string PortOn(string chain) => chain == Spec.ChainA ? Spec.PortA : Spec.PortB;
    private string ChannelOn(string chain) => chain == Spec.ChainA ? _chanA : _chanB;

    /// <summary>
    /// Starts the path from both chains' latest headers: clients and connection (unless the spec reuses one), then the
    /// channel when <paramref name="openChannel"/>. Returns the first step's transactions, to land after <paramref name="now"/>.
    /// </summary>
    public IReadOnlyList<RelaySubmission> Start(RelayEnd a, RelayEnd b, Timestamp now, bool openChannel = true)
    {
        if (Step != HandshakeStep.NotStarted) throw new InvalidOperationException($"{PathId}: already started");
        Watch(Spec.ChainA, a);
        Watch(Spec.ChainB, b);
        _channelWanted = openChannel;
        // the clients are as fresh as the headers they start from (or, on a reused connection, about as fresh)
        _lastClientUpdate[Spec.ChainA] = b.Header.Time;
        _lastClientUpdate[Spec.ChainB] = a.Header.Time;
        var outbox = new Outbox(this, "start", 0, now);
        if (Spec.Connection is { } c)
        {
            (_clientA, _connA, _clientB, _connB) = (c.ClientA, c.ConnectionA, c.ClientB, c.ConnectionB);
            Advance(HandshakeStep.ConnectionOpen, outbox);
        }
        else
        {
            Step = HandshakeStep.CreateClients;
            var drift = Spec.EffectiveMaxClockDriftSeconds;
            outbox.Handshake(Spec.ChainA, Step, Relay(new IbcRelayMsg.CreateClient(b.Header, TrustSeconds(Spec.ChainB), drift)));
            outbox.Handshake(Spec.ChainB, Step, Relay(new IbcRelayMsg.CreateClient(a.Header, TrustSeconds(Spec.ChainA), drift)));
        }
        return outbox.Flush();
    }

    /// <summary>Opens the channel on a connection this relayer opened without one.</summary>
    public IReadOnlyList<RelaySubmission> OpenChannel(Timestamp now)
    {
        if (Step != HandshakeStep.ConnectionOpen) throw new InvalidOperationException($"{PathId}: the connection is not open ({Step})");
        _channelWanted = true;
        var outbox = new Outbox(this, $"channel{Generation}", 0, now);
        Advance(HandshakeStep.ConnectionOpen, outbox);
        return outbox.Flush();
    }

    private void Watch(string chain, RelayEnd end)
    {
        _headers[chain] = end.Header;
        _accounts[chain] = Addr.Derive(end.AddressPrefix, "relayer");
        _trustSeconds[chain] = System.Math.Max(MinTrustSeconds, end.UnbondingPeriodSeconds * 2 / 3);
    }

    /// <summary>
    /// The shortest trusting period a client gets: chains with toy unbonding periods (seconds) must still be linkable, and
    /// a client that expires between two blocks could never be updated.
    /// </summary>
    public const ulong MinTrustSeconds = 3600;

    /// <summary>
    /// Light clients of a chain trust a header for two thirds of that chain's unbonding period, as Hermes sets them up, and
    /// at least <see cref="MinTrustSeconds"/> (one rule for every driver).
    /// </summary>
    private ulong TrustSeconds(string chain) => _trustSeconds[chain];

    private void HandshakeProgress(RelayTxOutcome outcome, Outbox outbox)
    {
        _handshakeTxs.Remove(outcome.TxId, out var sent);
        // a header too far ahead of the chain's clock refuses nothing: the step goes again with the headers of this block,
        // as deliveries wait (every step that can meet it updates a client first, so has a step before it)
        if (!outcome.IsSuccess && outcome.Error!.Contains(IbcError.FromTheFuture, StringComparison.Ordinal)
            && sent.Step > HandshakeStep.ConnectionOpenInit)
        {
            Advance(sent.Step - 1, outbox);
            return;
        }
        if (!outcome.IsSuccess)
        {
            (RefusedStep, RefusedError, RefusedTxId) = (NameOf(sent.Step), outcome.Error, outcome.TxId);
            Step = HandshakeStep.Refused;
            _handshakeTxs.Clear();
            return;
        }
        string Data(int i) => i < outcome.Data.Length ? outcome.Data[i] : "";
        switch (sent.Step)
        {
            case HandshakeStep.CreateClients when sent.Chain == Spec.ChainA: _clientA = Data(0); break;
            case HandshakeStep.CreateClients: _clientB = Data(0); break;
            case HandshakeStep.ConnectionOpenInit: _connA = Data(0); break;
            case HandshakeStep.ConnectionOpenTry: _connB = Data(1); break;
            case HandshakeStep.ChannelOpenInit: _chanA = Data(1); break;
            case HandshakeStep.ChannelOpenTry: _chanB = Data(1); break;
        }
        if (_chanA.Length > 0)
            _ends = new ChannelEnds(Spec.ChainA, _clientA, _connA, Spec.PortA, _chanA, Spec.ChainB, _clientB, _connB, Spec.PortB, _chanB);
        if (_handshakeTxs.Values.Any(h => h.Step == sent.Step)) return;
        Advance(sent.Step, outbox);
    }

    /// <summary>The step after <paramref name="done"/>: its transaction goes out with this observation's batch.</summary>
    private void Advance(HandshakeStep done, Outbox outbox)
    {
        var (a, b, s) = (Spec.ChainA, Spec.ChainB, Spec);
        void On(string chain, HandshakeStep step, IbcRelayMsg msg, bool update = true)
        {
            Step = step;
            outbox.Handshake(chain, step, update ? [UpdateOn(chain), Relay(msg)] : [Relay(msg)]);
        }
        switch (done)
        {
            case HandshakeStep.CreateClients:
                On(a, HandshakeStep.ConnectionOpenInit, new IbcRelayMsg.ConnectionOpenInit(_clientA, _clientB), update: false);
                break;
            case HandshakeStep.ConnectionOpenInit:
                On(b, HandshakeStep.ConnectionOpenTry, new IbcRelayMsg.ConnectionOpenTry(_clientB, _clientA, _connA));
                break;
            case HandshakeStep.ConnectionOpenTry:
                On(a, HandshakeStep.ConnectionOpenAck, new IbcRelayMsg.ConnectionOpenAck(_connA, _connB));
                break;
            case HandshakeStep.ConnectionOpenAck:
                On(b, HandshakeStep.ConnectionOpenConfirm, new IbcRelayMsg.ConnectionOpenConfirm(_connB));
                break;
            case HandshakeStep.ConnectionOpenConfirm or HandshakeStep.ConnectionOpen when !_channelWanted:
                Step = HandshakeStep.ConnectionOpen;
                break;
            case HandshakeStep.ConnectionOpenConfirm or HandshakeStep.ConnectionOpen:
                On(a, HandshakeStep.ChannelOpenInit, new IbcRelayMsg.ChannelOpenInit(s.PortA, _connA, s.PortB, s.Order, s.Version));
                break;
            case HandshakeStep.ChannelOpenInit:
                On(b, HandshakeStep.ChannelOpenTry,
                    new IbcRelayMsg.ChannelOpenTry(s.PortB, _connB, new IbcEndpoint(s.PortA, _chanA), s.Order, s.EffectiveVersionB,
                        s.Version));
                break;
            case HandshakeStep.ChannelOpenTry:
                On(a, HandshakeStep.ChannelOpenAck, new IbcRelayMsg.ChannelOpenAck(s.PortA, _chanA, _chanB, s.EffectiveVersionB));
                break;
            case HandshakeStep.ChannelOpenAck:
                On(b, HandshakeStep.ChannelOpenConfirm, new IbcRelayMsg.ChannelOpenConfirm(s.PortB, _chanB));
                break;
            case HandshakeStep.ChannelOpenConfirm: Step = HandshakeStep.Open; break;
        }
    }

    private static CosmosMsg Relay(IbcRelayMsg m) => new CosmosMsg.Relay(m);

    /// <summary>ibc-go's message names, as the report and errors show a refused step.</summary>
    private static string NameOf(HandshakeStep step) => step switch
    {
        HandshakeStep.CreateClients => "create_client",
        HandshakeStep.ConnectionOpenInit => "connection_open_init",
        HandshakeStep.ConnectionOpenTry => "connection_open_try",
        HandshakeStep.ConnectionOpenAck => "connection_open_ack",
        HandshakeStep.ConnectionOpenConfirm => "connection_open_confirm",
        HandshakeStep.ChannelOpenInit => "channel_open_init",
        HandshakeStep.ChannelOpenTry => "channel_open_try",
        HandshakeStep.ChannelOpenAck => "channel_open_ack",
        HandshakeStep.ChannelOpenConfirm => "channel_open_confirm",
        _ => step.ToString(),
    };
}
