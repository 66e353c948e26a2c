using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// Produces one block as a state machine, like <see cref="TxExecution"/> for one transaction: begin block (height,
/// time, block rewards), the transactions in order, end block (unbonding maturity, validator set), the staking hooks
/// (the block's slashes and valset changes sent as sudo to subscribed contracts) and the app hash. It stops at every
/// contract call for its driver: <see cref="ChainApp"/> answers synchronously, the chain actor through contract actors.
/// </summary>
public sealed class BlockExecution
{
    private readonly CodeRegistry _codes;
    private readonly IEnumerator<ExecutorRequest> _steps;
    private ChainState _state;
    private object? _reply;

    private BlockExecution(ChainState state, Timestamp time, IReadOnlyList<Tx> txs, CodeRegistry codes, string previousAppHash,
        BlockConsensus consensus)
    {
        _state = state;
        _codes = codes;
        _steps = Run(time, txs, previousAppHash, consensus).GetEnumerator();
        Advance();
    }

    /// <param name="time">The instant the block is made; its header time is <see cref="BlockConsensus.HeaderTime"/>'s.</param>
    /// <param name="consensus">Who did not sign the block, who is tombstoned at it and the clocks' skew (default: everyone signs).</param>
    /// <remarks>
    /// Contract: the state's undo log is committed (the previous block is the chain's). The block is the outermost
    /// scope: once it is done and the chain keeps it, the driver commits the log (<c>State.Undo.Commit()</c>).
    /// </remarks>
    public static BlockExecution Start(ChainState state, Timestamp time, IReadOnlyList<Tx> txs, CodeRegistry codes, string previousAppHash,
        BlockConsensus? consensus = null) =>
        state.Undo.Count == 0
            ? new(state, time, txs, codes, previousAppHash, consensus ?? BlockConsensus.AllSign)
            : throw new InvalidOperationException($"{state.ChainId}: the previous block's writes are not committed");

    public ExecutorRequest? Pending { get; private set; }
    public bool IsDone => Pending is null;
    public BlockResult? Result { get; private set; }

    /// <summary>The state so far; after the block, the committed state.</summary>
    public ChainState State => _state;

    public void Resume(object? reply)
    {
        if (Pending is null) throw new InvalidOperationException("the block is already done");
        _reply = reply;
        Advance();
    }

    private void Advance() => Pending = _steps.MoveNext() ? _steps.Current : null;

    private IEnumerable<ExecutorRequest> Run(Timestamp instant, IReadOnlyList<Tx> txs, string previousAppHash, BlockConsensus consensus)
    {
        var begin = new List<Event>();
        var time = consensus.HeaderTime(instant, _state.Time);
        var elapsed = time > _state.Time ? (ulong)(time.Nanos - _state.Time.Nanos) : 0UL;
        _state = _state.WithBlock(_state.Height + 1, time).DistributeBlockRewards(begin, elapsed)
            .HandleSignatures(consensus.Absent, begin);
        foreach (var v in consensus.Tombstone) _state = _state.TombstoneIfNot(v, begin);

        var results = new List<TxResult>(txs.Count);
        foreach (var tx in txs)
            foreach (var r in Deliver(tx, results)) yield return r;

        var end = new List<Event>();
        (_state, var update) = _state.EndBlock(end);

        var hooks = new List<TxResult>();
        var gov = ModuleAccounts.Gov(_state.Prefix);
        foreach (var hook in HooksOf(begin.Concat(results.SelectMany(r => r.Events)).Concat(end), update).Concat(EpochHooks()))
            foreach (var sub in _state.Wasm.HookSubscribers)
                foreach (var r in Deliver(new Tx(gov, [new CosmosMsg.WasmSudo(sub, hook)], $"hook/{_state.Height}/{sub}"), hooks)) yield return r;

        var block = new BlockResult(_state.ChainId, _state.Height, _state.Time, [.. results], [.. begin], [.. end], [.. hooks], update, "")
        {
            MadeAt = instant == _state.Time ? null : instant,
        };
        Result = block with { AppHash = NextAppHash(previousAppHash, block) };
    }

    // the block's last transaction, whose working lists the next one takes
    private TxExecution? _lastTx;

    private IEnumerable<ExecutorRequest> Deliver(Tx tx, List<TxResult> results)
    {
        var execution = TxExecution.Start(_state, tx, _codes, _lastTx);
        _lastTx = execution;
        while (execution.Pending is { } request)
        {
            _reply = null;
            yield return request;
            execution.Resume(_reply);
        }
        results.Add(execution.Result!);
        _state = execution.State;
    }

    /// <summary>At the last block of an epoch (height a multiple of the chain's epoch length), the two epoch hooks.</summary>
    private IEnumerable<ChainHook> EpochHooks()
    {
        var blocks = _state.Config.EpochBlocks;
        if (blocks == 0 || _state.Height % blocks != 0) yield break;
        yield return new ChainHook.EpochEnding(_state.Height);
        yield return new ChainHook.EpochEnded(_state.Height);
    }

    /// <summary>
    /// The block's slashes one by one, then every change of the block (its validator set change and its slashes) in one
    /// hook, as production's consumer module reports a block's changes in one valset update.
    /// </summary>
    private static IEnumerable<ChainHook> HooksOf(IEnumerable<Event> blockEvents, ValidatorSetUpdate update)
    {
        var slashes = blockEvents.Where(e => e.Type == StakingEvents.Slash)
            .Select(e => new ChainHook.ValidatorSlashed(
                e.Get(StakingEvents.ValidatorKey)!,
                e.ValueOf(StakingEvents.FractionKey)!.Value.AsDec(),
                e.ValueOf(StakingEvents.InfractionHeightKey)!.Value.AsUnsigned()))
            .ToList();
        foreach (var slash in slashes) yield return slash;
        if (!update.Added.IsEmpty || !update.Removed.IsEmpty || !update.Jailed.IsEmpty || !update.Unjailed.IsEmpty
            || !update.Tombstoned.IsEmpty || slashes.Count > 0)
            yield return new ChainHook.ValidatorSetChanged(
                [.. update.Added.Select(a => a.Value)], [.. update.Removed.Select(a => a.Value)], [.. update.Jailed.Select(a => a.Value)],
                [.. update.Unjailed.Select(a => a.Value)], [.. update.Tombstoned.Select(a => a.Value)],
                [.. slashes.Select(s => new ValsetSlash(s.Validator, s.InfractionHeight, s.Fraction))]);
    }

    /// <summary>
    /// Chains the previous hash with the block's header, each transaction's outcome and every event of the block.
    /// Events record every change of state (transfers, delegations, packets, contract attributes), so two chains that
    /// diverge in any effect diverge in hash, at a cost linear in the block rather than in the whole state.
    /// </summary>
    /// <remarks>
    /// The bytes hashed, in order (see <see cref="HashWriter"/>: a field is a 4-byte length then UTF-8; integers are
    /// little-endian): the previous hash (field); the chain id (field), height (8 bytes) and header time in nanoseconds
    /// (8 bytes); the number of transactions (4 bytes), then per transaction its id (field) and 0, or 1 and its error's
    /// text (field); the number of events (4 bytes), then per event in <see cref="BlockResult.AllEvents"/>'s order its
    /// type (field), its number of attributes (4 bytes) and per attribute its key (field) and typed value
    /// (<see cref="AttributeValue"/>: a kind byte, then e.g. an amount as 16 bytes). Nothing is rendered as text but
    /// a failed transaction's error.
    /// </remarks>
    public static string NextAppHash(string previous, BlockResult block)
    {
        using var h = new HashWriter();
        h.WriteField(previous).WriteField(block.ChainId).WriteUInt64(block.Height).WriteUInt64(block.Time.Nanos);
        h.WriteUInt32((uint)block.TxResults.Length);
        foreach (var r in block.TxResults)
        {
            h.WriteField(r.TxId);
            if (r.Error is { } error) h.WriteByte(1).WriteField(error.ToString());
            else h.WriteByte(0);
        }
        h.WriteUInt32((uint)EventCount(block));
        foreach (var e in block.AllEvents) e.WriteTo(h);
        return h.Finish();
    }

    private static int EventCount(BlockResult block)
    {
        var count = block.BeginBlockEvents.Length + block.EndBlockEvents.Length;
        foreach (var r in block.TxResults) count += r.Events.Length;
        foreach (var r in block.HookResults) count += r.Events.Length;
        return count;
    }

    public static string GenesisAppHash(string chainId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"genesis|{chainId}")));
}
