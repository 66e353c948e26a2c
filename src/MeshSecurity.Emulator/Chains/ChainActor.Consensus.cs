using Akka.Actor;
using System.Collections.Immutable;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// Consensus faults: a block time changed, validators' clocks skewed or jumping ahead (the header time differs from the
/// instant a block is made: <see cref="BlockConsensus.HeaderTime"/>), validators that stop signing (each block's commit
/// lacks them; x/slashing counts the misses and jails for downtime) and validators tombstoned. With a third of the
/// power or more offline no block commits: the chain skips its block slots until enough validators sign again, then
/// makes its next block at the first slot after, as a stalled CometBFT chain resumes at the time it does. Each change,
/// and each resumption after skipped slots, is journaled before the block it concerns, so a chain re-executing its
/// journal makes the same blocks at the same times.
/// </summary>
public sealed partial class ChainActor
{
    private ImmutableSortedSet<Addr> _offline = ImmutableSortedSet.Create(StakingState.AddrOrder);
    private ImmutableSortedSet<Addr> _tombstoneNext = ImmutableSortedSet.Create(StakingState.AddrOrder);

    /// <summary>The time between blocks a fault set (0: the chain's configured block time).</summary>
    private ulong _blockNanos;

    private ulong BlockNanos => _blockNanos > 0 ? _blockNanos : _definition.Config.BlockTimeSeconds * Timestamp.NanosPerSecond;

    /// <summary>How far the validators' clocks are off the instant (a clock skew), and a jump the next block takes.</summary>
    private long _clockOffset;
    private ulong _clockJumpNext;

    /// <summary>The instant the last block was made (its header time, unless the clocks are off): blocks are scheduled from it.</summary>
    private Timestamp _lastInstant;

    /// <summary>The next block's time after skipped slots (null: one block time after the last block).</summary>
    private Timestamp? _resumeAt;

    /// <summary>Slots were skipped and the block that resumes is not journaled yet.</summary>
    private bool _skipped;

    /// <summary>A resumed run's consensus records already in the journal: not written twice.</summary>
    private readonly HashSet<string> _journaledConsensus = new(StringComparer.Ordinal);

    private void SetConsensus(ChainCommand.SetConsensus m)
    {
        var record = new ConsensusChanged(_state.Height, [.. m.Offline.Select(a => a.Value).Order(StringComparer.Ordinal)],
            [.. m.Tombstone.Select(a => a.Value).Order(StringComparer.Ordinal)])
        {
            BlockNanos = m.BlockNanos,
            ClockOffsetNanos = m.ClockOffsetNanos,
            ClockJumpNanos = m.ClockJumpNanos,
        };
        Apply(record);
        var reply = new ChainReply.ConsensusSet(_chainId, _state.Height);
        if (record.Height < _coveredHeight || _journaledConsensus.Remove(KeyOf(record)))
        {
            Sender.Tell(reply);
            return;
        }
        var sender = Sender;
        PersistAsync(record, _ => sender.Tell(reply));
    }

    private void Apply(ConsensusChanged c)
    {
        _offline = c.Offline.Select(a => new Addr(a)).ToImmutableSortedSet(StakingState.AddrOrder);
        _tombstoneNext = _tombstoneNext.Union(c.Tombstone.Select(a => new Addr(a)));
        _blockNanos = c.BlockNanos;
        _clockOffset = c.ClockOffsetNanos;
        if (c.ClockJumpNanos > 0) _clockJumpNext = c.ClockJumpNanos;
    }

    /// <summary>What consensus hands the next block: it takes the tombstones and a clock jump with it.</summary>
    private BlockConsensus NextConsensus()
    {
        if (_offline.IsEmpty && _tombstoneNext.IsEmpty && _clockOffset == 0 && _clockJumpNext == 0) return BlockConsensus.AllSign;
        var consensus = new BlockConsensus(_offline, _tombstoneNext) { ClockOffsetNanos = _clockOffset, ClockJumpNanos = _clockJumpNext };
        _tombstoneNext = _tombstoneNext.Clear();
        _clockJumpNext = 0;
        return consensus;
    }

    /// <summary>
    /// Too few validators sign for the block due at <paramref name="at"/>: every slot before the window's end passes
    /// without a block, and the chain asks for a tick at the first slot after it.
    /// </summary>
    private bool SkipSlots(Timestamp at)
    {
        if (_state.CanCommit(_offline)) return false;
        while (at < _tick!.End) at = at.PlusNanos(BlockNanos);
        _resumeAt = at;
        _skipped = true;
        return true;
    }

    /// <summary>The first block after skipped slots: its time is journaled before it.</summary>
    private void JournalResumption(Timestamp at)
    {
        if (!_skipped) return;
        _skipped = false;
        var record = new SlotsSkipped(_state.Height, at);
        if (record.Height < _coveredHeight || _journaledConsensus.Remove(KeyOf(record))) return;
        PersistAsync(record, _ => { });
    }

    /// <summary>Re-executing the journal: the empty blocks before the record's height, then the record.</summary>
    private void Reapply(IJournalRecord record)
    {
        var height = record switch
        {
            ConsensusChanged c => c.Height,
            SlotsSkipped s => s.Height,
            _ => throw new ArgumentException($"not a consensus record: {record.GetType().Name}"),
        };
        while (_state.Height < height)
            _toAnnounce = (ReexecuteBlock([]), new Dictionary<string, string>(_blockSubmitters, StringComparer.Ordinal));
        if (record is ConsensusChanged change) Apply(change);
        else if (record is SlotsSkipped skip) _resumeAt = skip.Next;
    }

    private static string KeyOf(IJournalRecord record) => record switch
    {
        ConsensusChanged c => $"consensus|{c.Height}|{string.Join(",", c.Offline)}|{string.Join(",", c.Tombstone)}|{c.BlockNanos}" +
            $"|{c.ClockOffsetNanos}|{c.ClockJumpNanos}",
        SlotsSkipped s => $"skipped|{s.Height}|{s.Next.Nanos}",
        _ => "",
    };
}
