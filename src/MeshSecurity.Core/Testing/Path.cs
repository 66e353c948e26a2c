using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Testing;

/// <summary>
/// Two endpoints on two chains and the relayer between them, driven synchronously: the relayer is Core's
/// <see cref="Relaying.Relayer"/> machine (the one the emulator's channel actor drives), and this class only submits
/// what the machine asks for, commits the blocks with the <see cref="Coordinator"/> and feeds their digests back until
/// nothing is in flight. The coordinator's clock is the time: a submission's NotBefore is not waited for.
/// </summary>
public sealed class Path
{
    private const int DefaultRounds = 50;
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

    /// <summary>The machine relaying this path's channel, from <see cref="TryOpenChannel"/> on (null before).</summary>
    public Relayer? Machine { get; private set; }

    public Endpoint Counterparty(Endpoint e) => ReferenceEquals(e, A) ? B : A;

    /// <summary>Creates both light clients and runs the connection handshake; throws if a chain refuses a step.</summary>
    internal void SetupConnection()
    {
        var machine = new Relayer(_coordinator.NextRelayerId("connection"), SpecOf(connection: null));
        Drive(machine, machine.Start(EndOf(A), EndOf(B), _coordinator.Now, openChannel: false), DefaultRounds);
        if (machine.Connection is not { } c)
            throw new InvalidOperationException($"connection handshake refused at {machine.RefusedStep}: {machine.RefusedError}");
        (A.ClientId, A.ConnectionId, B.ClientId, B.ConnectionId) = (c.ClientA, c.ConnectionA, c.ClientB, c.ConnectionB);
    }

    /// <summary>Runs the four-step channel handshake; throws if a step is refused (see <see cref="TryOpenChannel"/>).</summary>
    public void OpenChannel()
    {
        var failed = TryOpenChannel();
        if (failed is not null) throw new InvalidOperationException($"channel handshake refused: {failed}");
    }

    /// <summary>
    /// Runs the channel handshake over the endpoints' connection, with their ports, versions and order as they are now,
    /// and returns the refused step's result, or null when the channel is open.
    /// </summary>
    public TxResult? TryOpenChannel()
    {
        var connection = new ChannelEnds(A.Chain.ChainId, A.ClientId, A.ConnectionId, A.PortId, "",
            B.Chain.ChainId, B.ClientId, B.ConnectionId, B.PortId, "");
        var machine = Machine = new Relayer(_coordinator.NextRelayerId("path"), SpecOf(connection));
        var results = Drive(machine, machine.Start(EndOf(A), EndOf(B), _coordinator.Now), DefaultRounds);
        if (machine.Ends is { } ends) (A.ChannelId, B.ChannelId) = (ends.ChannelA, ends.ChannelB);
        if (machine.IsOpen) return null;
        return machine.RefusedTxId is { } id && results.TryGetValue(id, out var refused)
            ? refused
            : throw new InvalidOperationException($"channel handshake stopped at {machine.Step}");
    }

    /// <summary>
    /// Relays in both directions until nothing is in flight: the machine first clears what is owed from both chains'
    /// committed state (tests commit blocks the relayer never saw), then follows the blocks it causes: packets to their
    /// destination (or timeouts back to the source once the destination passed a packet's timeout or closed), their
    /// acknowledgements back, close confirms. The stats are what this call moved.
    /// </summary>
    public RelayStats Relay(int maxRounds = DefaultRounds)
    {
        if (Paused) return new RelayStats();
        if (Machine is not { Ends: { } ends } machine || machine.Step != HandshakeStep.Open)
            throw new InvalidOperationException("the path's channel is not open: call OpenChannel first");
        var before = machine.Counters;
        var cleared = machine.Clear(EndSnapshot.Of(A.Chain.State, ends.PortA, ends.ChannelA),
            EndSnapshot.Of(B.Chain.State, ends.PortB, ends.ChannelB), _coordinator.Now);
        Drive(machine, cleared, maxRounds);
        var after = machine.Counters;
        return new RelayStats(
            Received: (int)(after.Received - before.Received),
            Acknowledged: (int)(after.Acknowledged - before.Acknowledged),
            TimedOut: (int)(after.TimedOut - before.TimedOut),
            Failed: (int)(after.FailedTxs - before.FailedTxs),
            Closed: (int)(after.Closed - before.Closed));
    }

    /// <summary>
    /// Brings <paramref name="e"/>'s light client of the counterparty to the counterparty's latest header, in its own block.
    /// </summary>
    public void UpdateClient(Endpoint e)
    {
        e.Chain.Submit(Tx.Of(e.Relayer, new CosmosMsg.Relay(new IbcRelayMsg.UpdateClient(e.ClientId, Counterparty(e).Chain.Header()))));
        var block = _coordinator.CommitBlock(e.Chain)[0];
        if (!block.TxResults[^1].IsSuccess) throw new InvalidOperationException($"client update failed: {block.TxResults[^1]}");
    }

    /// <summary>
    /// Submits <paramref name="first"/>, then commits a block on every chain the machine waits for (or that has its
    /// transactions queued) and feeds the digests back, in (time, chain) order, until it waits for nothing.
    /// Returns the results of the machine's own transactions by id.
    /// </summary>
    private Dictionary<string, TxResult> Drive(Relayer machine, IReadOnlyList<RelaySubmission> first, int maxRounds)
    {
        var results = new Dictionary<string, TxResult>(StringComparer.Ordinal);
        var queued = new SortedSet<string>(StringComparer.Ordinal);
        var chains = new[] { A.Chain, B.Chain }.OrderBy(c => c.ChainId, StringComparer.Ordinal).ToArray();
        var own = machine.PathId + "/";
        bool IsOwn(TxResult t) => t.TxId.StartsWith(own, StringComparison.Ordinal);
        void Submit(IReadOnlyList<RelaySubmission> submissions)
        {
            foreach (var s in submissions)
            {
                _coordinator[s.Chain].Submit(s.Tx);
                queued.Add(s.Chain);
            }
        }

        Submit(first);
        for (var round = 0; round < maxRounds; round++)
        {
            var due = chains.Where(c => queued.Contains(c.ChainId) || machine.AwaitsBlockOn(c.ChainId)).ToArray();
            if (due.Length == 0) return results;
            queued.Clear();
            var blocks = _coordinator.CommitBlock(due);
            for (var i = 0; i < due.Length; i++)
            {
                var (chain, block) = (due[i], blocks[i]);
                foreach (var tx in block.TxResults.Where(IsOwn)) results[tx.TxId] = tx;
                Submit(machine.Observe(BlockDigest.Of(block, chain.Header(), machine.EndOn(chain.ChainId), IsOwn)));
            }
        }
        throw new InvalidOperationException($"relaying did not settle after {maxRounds} rounds");
    }

    /// <summary>The spec of the path as its endpoints are now (a test may change a port or B's version before opening).</summary>
    private ChannelSpec SpecOf(ChannelEnds? connection) =>
        new(A.Chain.ChainId, A.PortId, B.Chain.ChainId, B.PortId, A.Version, A.Order,
            Connection: connection, VersionB: B.Version == A.Version ? null : B.Version);

    private static RelayEnd EndOf(Endpoint e) =>
        new(e.Chain.Header(), e.Chain.State.Prefix, e.Chain.State.Config.UnbondingPeriodSeconds);
}
