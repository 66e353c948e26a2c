using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Crypto;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
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
    public static Addr ValidatorAddress(string prefix, string name) => Addr.Derive(prefix, "validator/" + name);

    /// <summary>Creates a chain at height 0 with its accounts and validators; the genesis end block forms the first validator set.</summary>
    public static ChainApp Genesis(ChainConfig config, CodeRegistry codes, IEnumerable<GenesisAccount> accounts, IEnumerable<GenesisValidator> validators, string keySeed = "")
    {
        var app = new ChainApp(ChainState.Genesis(config), new ContractHost(codes));
        var s = app.State;
        foreach (var a in accounts) s = s with { Bank = s.Bank.AddGenesis(a.Address, a.Balance) };
        var events = new List<Event>();
        foreach (var v in validators)
        {
            var op = ValidatorAddress(config.AddressPrefix, v.Name);
            var key = ConsensusKey.FromSeed($"{config.ChainId}/{v.Name}/{keySeed}");
            app._keys[op] = key;
            s = s with { Bank = s.Bank.AddGenesis(op, Coins.Of(config.BondDenom, v.SelfBond)) };
            s = s.CreateValidator(op, key.PublicKey, op, v.SelfBond, events);
        }
        (s, _) = s.EndBlock(events);
        app.State = s;
        app._appHash = Hash($"genesis|{config.ChainId}");
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
        if (time < State.Time) throw new ArgumentException($"block time {time} is before the last block's {State.Time}");
        var begin = new List<Event>();
        var s = State with { Height = State.Height + 1, Time = time };
        s = s.DistributeBlockRewards(begin);
        State = s;

        var results = ImmutableArray.CreateBuilder<TxResult>(txs.Count);
        foreach (var tx in txs) results.Add(DeliverTx(tx));

        var end = new List<Event>();
        (var after, var update) = State.EndBlock(end);
        State = after;
        var hooks = RunHooks(begin.Concat(results.SelectMany(r => r.Events)).Concat(end), update);

        var block = new BlockResult(ChainId, State.Height, State.Time, results.ToImmutable(), [.. begin], [.. end], hooks, update, "");
        _appHash = NextAppHash(_appHash, block);
        block = block with { AppHash = _appHash };
        _blocks.Add(block);
        return block;
    }

    private TxResult DeliverTx(Tx tx)
    {
        var (result, next) = Contracts.Execute(State, tx);
        State = next;
        return result;
    }

    /// <summary>Sends the block's slashes and the validator set changes to the contracts subscribed to the staking hooks.</summary>
    private ImmutableArray<TxResult> RunHooks(IEnumerable<Event> blockEvents, ValidatorSetUpdate update)
    {
        var subscribers = State.Wasm.HookSubscribers;
        if (subscribers.IsEmpty) return [];
        var hooks = new List<ChainHook>();
        foreach (var e in blockEvents.Where(e => e.Type == StakingEvents.Slash))
            hooks.Add(new ChainHook.ValidatorSlashed(
                e.Get(StakingEvents.ValidatorKey)!,
                Dec.Parse(e.Get(StakingEvents.FractionKey)!),
                ulong.Parse(e.Get(StakingEvents.InfractionHeightKey)!, CultureInfo.InvariantCulture)));
        if (!update.Added.IsEmpty || !update.Removed.IsEmpty || !update.Jailed.IsEmpty || !update.Unjailed.IsEmpty || !update.Tombstoned.IsEmpty)
            hooks.Add(new ChainHook.ValidatorSetChanged(
                [.. update.Added.Select(a => a.Value)], [.. update.Removed.Select(a => a.Value)], [.. update.Jailed.Select(a => a.Value)],
                [.. update.Unjailed.Select(a => a.Value)], [.. update.Tombstoned.Select(a => a.Value)]));
        var results = ImmutableArray.CreateBuilder<TxResult>();
        foreach (var hook in hooks)
            foreach (var sub in subscribers)
                results.Add(DeliverTx(new Tx(Gov, [new CosmosMsg.WasmSudo(sub, hook)], $"hook/{State.Height}/{sub}")));
        return results.ToImmutable();
    }

    /// <summary>The header a light client of this chain consumes: height, time and the bonded validators' keys.</summary>
    public ClientHeader Header()
    {
        var keys = ImmutableSortedDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
        foreach (var v in State.Staking.Validators.Values.Where(v => v.IsBonded)) keys[v.Operator.Value] = v.ConsensusPubKey;
        return new ClientHeader(ChainId, State.Height, State.Time, keys.ToImmutable());
    }

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
        var key = KeyOf(validator);
        return (SignedHeader.Create(ChainId, h, time, real, validator.Value, key),
                SignedHeader.Create(ChainId, h, time, Hash("fork|" + real), validator.Value, key));
    }

    public T Query<T>(Addr contract, object msg) => (T)Contracts.Query(State, contract, msg);

    public Amount Balance(Addr address, string denom) => State.Bank.Balance(address, denom);

    /// <summary>
    /// Chains the previous hash with the block's header, each transaction's outcome and every event of the block.
    /// Events record every change of state (transfers, delegations, packets, contract attributes), so two chains that
    /// diverge in any effect diverge in hash, at a cost linear in the block rather than in the whole state.
    /// </summary>
    private static string NextAppHash(string previous, BlockResult block)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) => h.AppendData(Encoding.UTF8.GetBytes(s + "\n"));
        Add(previous);
        Add($"{block.ChainId}|{block.Height}|{block.Time.Nanos}");
        foreach (var r in block.TxResults) Add($"tx|{r.TxId}|{r.Error?.ToString() ?? "ok"}");
        foreach (var e in block.AllEvents) Add(e.ToString());
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
