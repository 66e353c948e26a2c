using Akka.Actor;
using Akka.Event;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Clock;
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
    private ulong _step;
    private IActorRef _clock = ActorRefs.Nobody;
    private int _acksPending;
    private readonly List<TimerRequest> _timers = [];
    private List<Tx> _blockTxs = [];

    private void StartBlock(ChainTick tick)
    {
        _step = tick.Step;
        _clock = Sender;
        var due = _mempool.Where(kv => kv.Key.NotBefore <= tick.Now).ToList();
        foreach (var kv in due) _mempool.Remove(kv.Key);
        _blockSeq++;
        _blockTxs = due.Select(kv => kv.Value).ToList();
        _block = BlockExecution.Start(_state, tick.Now, _blockTxs, _codes, _appHash);
        _producing = true;
        Pump();
    }

    /// <summary>Answers the block's requests until one needs a contract actor, or the block is done.</summary>
    private void Pump()
    {
        var block = _block!;
        while (block.Pending is { } request)
        {
            switch (request)
            {
                case ExecutorRequest.Call call:
                    _pendingCall = call;
                    _contracts[call.Contract].Tell(new RunEntryPoint(_blockSeq, ++_callId, call));
                    return;
                case ExecutorRequest.Create create:
                {
                    var code = _codes.Get(create.CodeId);
                    var mirror = new ContractInstance(create.Contract, code, null);
                    mirror.MarkCreated(create.Depth);
                    _mirrors[create.Contract] = mirror;
                    _contracts[create.Contract] = Context.ActorOf(ContractActor.Props(create.Contract, code, null, create.Depth), ActorName(create.Contract));
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
                            if (_contracts.Remove(addr, out var actor)) Context.Stop(actor);
                        }
                        else
                        {
                            _contracts[addr].Tell(new EndContractScope(_blockSeq, end.Depth, end.Commit));
                        }
                    }
                    block.Resume(null);
                    break;
                default:
                    throw new InvalidOperationException($"unknown executor request {request.GetType().Name}");
            }
        }
        FinishBlock();
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
    /// A contract actor crashed. If the block waits on it, that call fails (the executor rolls the transaction, or
    /// the sub-message, back by its usual rules); the actor gets back exactly what the chain recorded for it.
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
            _block.Resume(new ContractOutcome.Failed(new StdError.Panic($"contract actor {m.Contract} crashed")));
            Pump();
        }
    }

    private void FinishBlock()
    {
        var result = _block!.Result!;
        _state = _block.State;
        _appHash = result.AppHash;
        _headers[result.Height] = (result.Time, result.AppHash);
        _block = null;
        foreach (var tx in result.TxResults)
            if (!tx.IsSuccess) _log.Debug("{0}@{1}: tx {2} failed: {3}", _chainId, result.Height, tx.TxId, tx.Error);

        if (_journal.Count > 0 && result.Height <= _journal.Keys.Max())
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
        Context.System.EventStream.Publish(new EmulatorEvent.ReplayDiverged(_chainId, result.Height, result.Time, expected?.AppHash ?? "", result.AppHash));
    }

    private void AfterBlock(BlockResult result)
    {
        foreach (var e in EventsOfBlock.Of(result)) Context.System.EventStream.Publish(e);
        _timers.Clear();
        _timers.Add(new TimerRequest(NextBlockTime(), TimerTarget.Chain, _chainId));
        var header = ChainGenesis.HeaderOf(_state);
        _acksPending = _observers.Count;
        foreach (var observer in _observers) _channels.Tell(new BlockObserved(observer, _chainId, header, result));
        if (_acksPending == 0) EndStep();
    }

    private void OnBlockAck(BlockAck ack)
    {
        _timers.AddRange(ack.Timers);
        if (--_acksPending == 0) EndStep();
    }

    private void EndStep()
    {
        _clock.Tell(new StepDone(_step, _chainId, [.. _timers]));
        _producing = false;
        Stash.UnstashAll();
    }

    private static string ActorName(Core.Types.Addr contract) => "contract-" + contract.Value;
}
