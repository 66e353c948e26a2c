using System.Collections.Immutable;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Crypto;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Chain;

/// <summary>
/// One chain, synchronously: its state, its contracts (through <see cref="ContractHost"/>), a mempool and the block
/// lifecycle (begin block: height, time, rewards; transactions in order; end block: staking, valset, hooks).
/// Deterministic: the same genesis and the same blocks give the same state. The validators' consensus keys live
/// here, outside the state, so the chain can sign headers (and a test can make one double-sign).
/// </summary>
public sealed class ChainApp
{
    private readonly List<Tx> _mempool = [];
    private readonly Dictionary<Addr, ConsensusKey> _keys = new();
    private readonly List<BlockResult> _blocks = [];
    private string _appHash = "";

    private ChainApp(ChainState state, ContractHost host)
    {
        State = state;
        Contracts = host;
    }

    public ChainState State { get; private set; }
    public ContractHost Contracts { get; }
    public string ChainId => State.ChainId;
    public ulong Height => State.Height;
    public Timestamp Time => State.Time;
    public IReadOnlyList<BlockResult> Blocks => _blocks;
    public string AppHash => _appHash;
    public Addr Gov => ModuleAccounts.Gov(State.Prefix);

    /// <summary>The operator address a validator name gets on a chain.</summary>
    public static Addr ValidatorAddress(string prefix, string name) => ChainGenesis.ValidatorAddress(prefix, name);

    /// <summary>Creates a chain at height 0 with its accounts and validators (see <see cref="ChainGenesis"/>).</summary>
    public static ChainApp Genesis(ChainConfig config, CodeRegistry codes, IEnumerable<GenesisAccount> accounts, IEnumerable<GenesisValidator> validators, string keySeed = "")
    {
        var (state, keys) = ChainGenesis.Build(config, accounts, validators, keySeed);
        var app = new ChainApp(state, new ContractHost(codes));
        foreach (var (op, key) in keys) app._keys[op] = key;
        app._appHash = BlockExecution.GenesisAppHash(config.ChainId);
        return app;
    }

    /// <summary>Queues a transaction for the next block.</summary>
    public void Submit(Tx tx) => _mempool.Add(tx);

    public int MempoolSize => _mempool.Count;

    /// <summary>Produces the next block at <paramref name="time"/> with every queued transaction, in order.</summary>
    public BlockResult ProduceBlock(Timestamp time)
    {
        var txs = _mempool.ToList();
        _mempool.Clear();
        return ProduceBlock(time, txs);
    }

    public BlockResult ProduceBlock(Timestamp time, IReadOnlyList<Tx> txs)
    {
        var block = BlockExecution.Start(State, time, txs, Contracts.Codes, _appHash);
        while (block.Pending is { } request) block.Resume(Contracts.Answer(request));
        State = block.State;
        State.Undo.Commit();
        _appHash = block.Result!.AppHash;
        _blocks.Add(block.Result);
        return block.Result;
    }

    /// <summary>The header a light client of this chain consumes: height, time and the bonded validators' keys.</summary>
    public ClientHeader Header() => ChainGenesis.HeaderOf(State);

    /// <summary>The consensus key of a validator of this chain (for signing headers).</summary>
    public ConsensusKey KeyOf(Addr validator) =>
        _keys.TryGetValue(validator, out var k) ? k : throw new KeyNotFoundException($"no consensus key for {validator} on {ChainId}");

    /// <summary>
    /// Makes <paramref name="validator"/> sign two different headers at <paramref name="height"/> (default: the latest):
    /// the chain's real one and a forged fork. The pair is double-sign evidence for this chain's evidence module
    /// and for a provider's mesh-slasher.
    /// </summary>
    public (SignedHeader A, SignedHeader B) DoubleSign(Addr validator, ulong? height = null)
    {
        var h = height ?? State.Height;
        var block = _blocks.FirstOrDefault(b => b.Height == h);
        var time = block?.Time ?? State.Time;
        var real = block?.AppHash ?? _appHash;
        return SignedHeader.DoubleSign(ChainId, h, time, real, validator.Value, KeyOf(validator));
    }

    public T Query<T>(Addr contract, object msg) => (T)Contracts.Query(State, contract, msg);

    public Amount Balance(Addr address, string denom) => State.Bank.Balance(address, denom);

}
