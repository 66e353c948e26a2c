using Akka.Actor;
using Akka.Event;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Time;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Chains;

public sealed partial class ChainActor
{
    private BlockExecution? _block;
    private bool _producing;
    private ExecutorRequest.Call? _pendingCall;
    private long _callId;
    private long _blockSeq;
    private IActorRef _clock = ActorRefs.Nobody;
    private WindowTick? _tick;
    private long _doneWindow = -1;
    private ChainWindowDone? _lastDone;
    /// <summary>The digests of this window an observer has not acknowledged yet, by (observer, height): re-sent until it does.</summary>
    private readonly Dictionary<(string Channel, ulong Height), DigestObserved> _unacked = [];
    private bool _blocksDone;
    /// <summary>The header the last digests carried: the next one takes its validator keys while they stay the same.</summary>
    private Core.Ibc.ClientHeader? _lastHeader;
    /// <summary>The settled floors the headers carry, moved on by each committed block instead of rebuilt.</summary>
    private readonly Core.Ibc.SettledFloorKeeper _floors = new();

    /// <summary>The observers whose digests of this window matter: they relay next.</summary>
    private readonly SortedSet<string> _relaying = new(StringComparer.Ordinal);
    private List<MempoolEntry> _blockTxs = [];
    private readonly Dictionary<string, string> _blockSubmitters = new(StringComparer.Ordinal);

    /// <summary>Inline execution: the contracts a transaction of this block committed, told their state after the block.</summary>
    private readonly SortedSet<Core.Types.Addr> _committed = new();

    /// <summary>
    /// Produces every block due before the window's end, one after the other, then reports the window done once every
    /// observer holds its digests. A tick re-sent for a window already done is answered again; one for the window in
    /// progress is ignored (its answer comes).
    /// </summary>
    private void OnTick(WindowTick m)
    {
        if (m.Window == _doneWindow && _lastDone is not null)
        {
            Sender.Tell(_lastDone);
            return;
        }
        _tick = m;
        _clock = Sender;
        foreach (var e in _unsent) _clock.Tell(e);
        _unsent.Clear();
        _producing = true;
        _blocksDone = false;
        _unacked.Clear();
        // what came in outside a relay phase (a set-up, a relayer's resume) is journaled before the block that may include it
        Flush(() =>
        {
            AnnounceRecovered();
            NextBlockOrDone();
        });
    }

    private void NextBlockOrDone()
    {
        var at = NextBlockTime();
        if (!_halted && at < _tick!.End && !SkipSlots(at))
        {
            if (_state.HasBondedPower())
            {
                JournalResumption(at);
                StartBlock(at);
                return;
            }
            Halt(at);
        }
        _blocksDone = true;
        if (_unacked.Count == 0) EndWindow();
    }

    private void StartBlock(Timestamp at)
    {
        _blockTxs.Clear();
        var height = _state.Height + 1;
        foreach (var (key, entry) in _mempool)
        {
            if (key.NotBefore > at) break;
            // a transaction that arrived at this height or later waits (only a chain re-producing its blocks meets one)
            if (entry.AtHeight < height) _blockTxs.Add(entry);
        }
        foreach (var entry in _blockTxs) _mempool.Remove(entry.Order);
        RunBlock(at);
    }

    private void RunBlock(Timestamp at)
    {
        _blockSubmitters.Clear();
        foreach (var entry in _blockTxs)
            if (entry.Tx.Id.Length > 0) _blockSubmitters[entry.Tx.Id] = entry.Submitter;
        _blockSeq++;
        var txs = new Tx[_blockTxs.Count];
        for (var i = 0; i < txs.Length; i++) txs[i] = _blockTxs[i].Tx;
        _block = BlockExecution.Start(_state, at, txs, _codes, _appHash, NextConsensus());
        Pump();
    }

    /// <summary>
    /// Answers the block's requests until one needs a contract actor, or the block is done. A call runs here, on the
    /// chain's copy of the instance (inline), or in the contract's actor, whose answer resumes the pump (actor).
    /// </summary>
    private void Pump()
    {
        var block = _block!;
        var inline = _execution == ContractExecution.Inline || _reexecuting;
        while (block.Pending is { } request)
        {
            switch (request)
            {
                case ExecutorRequest.Call call when inline:
                    block.Resume(_mirrors[call.Contract].Run(call));
                    break;
                case ExecutorRequest.Call reused:
                    // the executor fills the same request for its next call: the actor gets a copy of its own
                    var copy = reused with { };
                    _pendingCall = copy;
                    _contracts[copy.Contract].Tell(new RunEntryPoint(_blockSeq, ++_callId, copy));
                    return;
                case ExecutorRequest.Create create:
                {
                    var code = _codes.Get(create.CodeId);
                    var mirror = new ContractInstance(create.Contract, code, null);
                    mirror.MarkCreated(create.Depth);
                    _mirrors[create.Contract] = mirror;
                    if (_reexecuting)
                    {
                        block.Resume(null); // the actors start once the chain has caught up
                        break;
                    }
                    // inline, the actor holds committed states only: it hears of this one after the block, if it commits
                    _contracts[create.Contract] = Context.ActorOf(
                        ContractActor.Props(create.Contract, code, null, inline ? null : create.Depth), ActorName(create.Contract));
                    block.Resume(null);
                    break;
                }
                case ExecutorRequest.EndScope end:
                    foreach (var addr in end.Contracts)
                    {
                        if (!_mirrors.TryGetValue(addr, out var mirror)) continue;
                        mirror.EndScope(end.Depth, end.Commit);
                        if (mirror.IsGone)
                        {
                            _mirrors.Remove(addr);
                            _committed.Remove(addr);
                            if (_contracts.Remove(addr, out var actor)) Context.Stop(actor);
                        }
                        else if (!inline)
                        {
                            _contracts[addr].Tell(new EndContractScope(_blockSeq, end.Depth, end.Commit));
                        }
                        else if (end.Depth == 0 && end.Commit)
                        {
                            _committed.Add(addr);
                        }
                    }
                    block.Resume(null);
                    break;
                default:
                    throw new InvalidOperationException($"unknown executor request {request.GetType().Name}");
            }
        }
        if (!_reexecuting) FinishBlock();
    }

    private void OnEntryPointResult(EntryPointResult r)
    {
        if (_pendingCall is not { } call || r.CallId != _callId) return; // an answer to a call abandoned after a crash
        _pendingCall = null;
        if (r.Outcome is ContractOutcome.Ok ok) _mirrors[call.Contract].Stage(call.Depth, ok.State);
        _block!.Resume(r.Outcome);
        Pump();
    }

    /// <summary>
    /// A contract actor crashed. If the block waits on it (actor execution), that call fails (the executor rolls the
    /// transaction, or the sub-message, back by its usual rules); the actor gets back exactly what the chain recorded for
    /// it. Inline, no call is ever in flight in an actor: it only gets its state back.
    /// </summary>
    private void OnContractRestarting(ContractRestarting m)
    {
        if (!_mirrors.TryGetValue(m.Contract, out var mirror)) return;
        _log.Warning("{0}: contract actor {1} restarted; restoring it from the chain's record", _chainId, m.Contract);
        Sender.Tell(new RestoreContract(_blockSeq, mirror.Copy()));
        if (_pendingCall is { } call && call.Contract == m.Contract && _block is not null)
        {
            _pendingCall = null;
            _callId++; // a late answer from the crashed call must not be taken
            _block.Resume(new ContractOutcome.Failed(new StdError.Panic(Core.Invariants.MeshInvariants.CrashedActor(m.Contract))));
            Pump();
        }
    }

    /// <summary>The block's state becomes the chain's.</summary>
    private BlockResult CommitBlock()
    {
        var result = _block!.Result!;
        _state = _block.State;
        _state.Undo.Commit();
        _queryCopy = null;
        _appHash = result.AppHash;
        _headers.Set(new HeaderRecord(result.Height, result.Time, result.AppHash));
        if (!_state.Config.KeepHistory) ForgetExpiredHeaders();
        _lastInstant = result.Instant;
        _block = null;
        _resumeAt = null;
        return result;
    }

    /// <summary>
    /// Drops the headers older than the unbonding period: the only reader signs double-sign evidence with them, and the
    /// evidence module refuses evidence that old (TxExecution.Dispatch.cs, HandleEvidence), so snapshots stop growing with
    /// the run. The latest header stays (a snapshot's height is read from it).
    /// </summary>
    private void ForgetExpiredHeaders()
    {
        while (_headers.Count > 1)
        {
            if (_headers.Oldest.Time.PlusSeconds(_state.Config.UnbondingPeriodSeconds) >= _state.Time) return;
            _headers.RemoveOldest();
        }
    }

    private void FinishBlock()
    {
        var result = CommitBlock();
        foreach (var tx in result.TxResults)
            if (!tx.IsSuccess) _log.Debug("{0}@{1}: tx {2} failed: {3}", _chainId, result.Height, tx.TxId, tx.Error);

        if (CoveredBySnapshot(result))
        {
            AfterBlock(result);
        }
        else if (_journal.Count > 0 && result.Height <= _journal.Keys.Max())
        {
            VerifyAgainstJournal(result);
            AfterBlock(result);
        }
        else if (result.TxResults.Length > 0)
        {
            // the block is durable before anyone hears of it
            Persist(BlockRecorded.Of(result, _blockTxs), _ => AfterBlock(result));
        }
        else
        {
            AfterBlock(result);
        }
    }

    /// <summary>A resumed run re-produces the blocks it had written: each must come out the same.</summary>
    private void VerifyAgainstJournal(BlockResult result)
    {
        _journal.TryGetValue(result.Height, out var expected);
        var same = expected is null ? result.TxResults.Length == 0 : expected.AppHash == result.AppHash;
        if (same) return;
        _log.Error("{0}@{1}: the resumed run diverged from the journal (journal {2}, now {3})", _chainId, result.Height,
            expected?.AppHash ?? "no block", result.AppHash);
        Emit(new EmulatorEvent.ReplayDiverged(_chainId, result.Height, result.Time, expected?.AppHash ?? "", result.AppHash));
    }

    /// <summary>
    /// Publishes the block's events, hands each observer its digest and (inline) each contract the block committed its
    /// new state; then the next block of the window, if any.
    /// </summary>
    private void AfterBlock(BlockResult result)
    {
        foreach (var addr in _committed) _contracts[addr].Tell(new ContractCommitted(_blockSeq, _mirrors[addr].Committed));
        _committed.Clear();
        Announce(result, _blockSubmitters);
        MaybeSnapshot(result.Height);
        NextBlockOrDone();
    }

    /// <summary>Publishes the block's events and hands each observer its digest, counting the acknowledgements owed.</summary>
    private void Announce(BlockResult result, IReadOnlyDictionary<string, string> submitters)
    {
        Emit(new BlockEvents([.. EventsOfBlock.Of(result)]));
        if (_observers.Count == 0) return;
        _lastHeader = ChainGenesis.HeaderOf(_state, _lastHeader, _floors);
        foreach (var (observer, digest) in BlockDigest.ForObservers(result, _lastHeader, _observers, submitters, NextBlockTime()))
        {
            var message = new DigestObserved(observer, digest);
            _unacked[(observer, digest.Height)] = message;
            _channels.Tell(message);
        }
    }

    /// <summary>
    /// An acknowledgement counts once: a second copy (the digest was delivered or re-sent twice) finds nothing pending.
    /// The answer to a copy is the same (the relayer decides from the windows it relayed), so either copy may count.
    /// </summary>
    private void OnDigestAck(DigestAck ack)
    {
        if (!_unacked.Remove((ack.ChannelId, ack.Height))) return;
        if (ack.Matters) _relaying.Add(ack.ChannelId);
        if (_unacked.Count == 0 && _blocksDone) EndWindow();
    }

    /// <summary>
    /// The clock re-sent the tick of the window this chain still works on: it waited a stall timeout for the answer. The
    /// digests not acknowledged yet may have been lost on the way (sharding delivers at most once): they go again, the
    /// same messages, which a relayer that already holds them acknowledges again without keeping them twice.
    /// </summary>
    private void OnTickAgain()
    {
        if (_unacked.Count > 0)
            _log.Info("{0}: window {1} re-sends {2} unacknowledged digests", _chainId, _tick!.Window, _unacked.Count);
        foreach (var message in _unacked.Values) _channels.Tell(message);
    }

    private void EndWindow()
    {
        var next = _halted ? (Core.Types.Timestamp?)null : NextBlockTime();
        _lastDone = new ChainWindowDone(_tick!.Window, _chainId, next, [.. _relaying]);
        _doneWindow = _tick.Window;
        _relaying.Clear();
        _clock.Tell(_lastDone);
        _producing = false;
        Stash.UnstashAll();
    }

    private readonly List<object> _unsent = [];

    /// <summary>
    /// Sends an event to the clock that ticks this chain, which hands it to the run's recorder, wherever that runs; from the
    /// same sender as the window's answer, so it arrives first. Before the first tick (a chain recovering on another node)
    /// events wait for it, except a journal failure, which the local node's recorder hears of at once.
    /// </summary>
    private void Emit(object e)
    {
        if (!_clock.IsNobody()) _clock.Tell(e);
        else if (e is JournalFailed) Context.System.EventStream.Publish(e);
        else _unsent.Add(e);
    }

    private static string ActorName(Core.Types.Addr contract) => "contract-" + contract.Value;
}
