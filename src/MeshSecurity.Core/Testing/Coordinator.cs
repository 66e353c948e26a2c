using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Testing;

/// <summary>
/// Owns several chains and one emulated clock, in the spirit of ibc-go's testing coordinator: it commits blocks,
/// advances time and builds <see cref="Path"/>s between chains. Everything is synchronous and deterministic.
/// </summary>
public sealed class Coordinator(Timestamp genesisTime, ulong timeIncrementSeconds = 5)
{
    private readonly SortedDictionary<string, ChainApp> _chains = new(StringComparer.Ordinal);
    private int _relayers;

    public Coordinator() : this(Timestamp.FromSeconds(1_700_000_000)) { }

    /// <summary>The emulated wall clock; the next block of any chain is produced at this time.</summary>
    public Timestamp Now { get; private set; } = genesisTime;

    /// <summary>Seconds the clock moves after each committed block.</summary>
    public ulong TimeIncrementSeconds { get; } = timeIncrementSeconds;

    public IReadOnlyCollection<ChainApp> Chains => _chains.Values;

    public ChainApp this[string chainId] => _chains[chainId];

    public ChainApp AddChain(ChainConfig config, CodeRegistry codes, IEnumerable<GenesisAccount> accounts, IEnumerable<GenesisValidator> validators)
    {
        var chain = ChainApp.Genesis(config with { GenesisTime = Now }, codes, accounts, validators);
        _chains.Add(chain.ChainId, chain);
        return chain;
    }

    public void IncrementTime(ulong seconds) => Now = Now.PlusSeconds(seconds);

    /// <summary>Produces one block on each chain at the current time, then moves the clock on.</summary>
    public IReadOnlyList<BlockResult> CommitBlock(params ChainApp[] chains)
    {
        var results = chains.Select(c => c.ProduceBlock(Now)).ToList();
        IncrementTime(TimeIncrementSeconds);
        return results;
    }

    /// <summary>Commits <paramref name="blocks"/> blocks on every chain (time passes by the increment each time).</summary>
    public void CommitBlocks(int blocks)
    {
        for (var i = 0; i < blocks; i++) CommitBlock([.. _chains.Values]);
    }

    /// <summary>Puts a transaction in a block of its own and returns its result.</summary>
    public TxResult Deliver(ChainApp chain, Tx tx)
    {
        chain.Submit(tx);
        var block = CommitBlock(chain)[0];
        return block.TxResults[^1];
    }

    /// <summary>Delivers messages from one signer as one transaction.</summary>
    public TxResult Execute(ChainApp chain, Addr signer, params CosmosMsg[] msgs) => Deliver(chain, Tx.Of(signer, msgs));

    /// <summary>Like <see cref="Execute"/>, but a failure throws with the chain's error (for setup steps).</summary>
    public TxResult MustExecute(ChainApp chain, Addr signer, params CosmosMsg[] msgs)
    {
        var r = Execute(chain, signer, msgs);
        if (!r.IsSuccess) throw new InvalidOperationException($"{chain.ChainId}: {r}");
        return r;
    }

    /// <summary>A path between two chains with light clients and an open connection; open its channel with <see cref="Path.OpenChannel"/>.</summary>
    public Path NewPath(ChainApp a, string portA, ChainApp b, string portB, string version, IbcOrder order = IbcOrder.Unordered)
    {
        var path = new Path(this, new Endpoint(a, portA, version, order), new Endpoint(b, portB, version, order));
        path.SetupConnection();
        return path;
    }

    /// <summary>Another path over the connection of <paramref name="existing"/> (chains share one connection, many channels).</summary>
    public Path NewPathOnConnection(Path existing, string portA, string portB, string version, IbcOrder order = IbcOrder.Unordered)
    {
        var a = new Endpoint(existing.A.Chain, portA, version, order) { ClientId = existing.A.ClientId, ConnectionId = existing.A.ConnectionId };
        var b = new Endpoint(existing.B.Chain, portB, version, order) { ClientId = existing.B.ClientId, ConnectionId = existing.B.ConnectionId };
        return new Path(this, a, b);
    }

    /// <summary>A fresh relayer path id (its transactions' ids start with it, so no two relayers share one).</summary>
    internal string NextRelayerId(string kind) => $"{kind}-{++_relayers}";
}
