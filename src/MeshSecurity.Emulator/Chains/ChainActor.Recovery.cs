using Akka.Event;
using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// A chain with a journal behind it comes back in one of two ways, and its first message says which. An Init means the
/// network starts over (a resumed run): the chain starts at genesis and checks each block it re-produces against the
/// journal. Anything else means the chain stopped in a running network (a crash, a restart, a hand-off): it re-executes
/// its journal alone, accepted transactions into its mempool, observers back, empty blocks by its rules between the
/// recorded ones, each recorded block checked by height, time and app hash, then handles the message. Blocks after the
/// last recorded one are empty; the chain produces them again at the next tick, announcing them and, once more, the
/// last recorded block, whose digests may not have reached every relayer (relayers and the event log ignore what they
/// have seen).
/// </summary>
public sealed partial class ChainActor
{
    /// <summary>Records after genesis, in journal order, until the first message says how to use them.</summary>
    private List<IJournalRecord> _recovered = [];

    /// <summary>The journal sequence number of each record in <see cref="_recovered"/> (a checkpoint drops those it covers).</summary>
    private List<long> _recoveredSequenceNrs = [];

    /// <summary>Blocks of a previous run, by height: a resumed run re-produces and checks them instead of writing them again.</summary>
    private readonly SortedDictionary<ulong, BlockRecorded> _journal = new();

    /// <summary>A resumed run's mempool keys and observers already in the journal: not written twice.</summary>
    private readonly HashSet<(Core.Types.Timestamp, string, string)> _journaledTxs = [];
    private readonly HashSet<ObserverAdded> _journaledObservers = [];

    private bool _reexecuting;
    private (BlockResult Block, Dictionary<string, string> Submitters)? _toAnnounce;

    private void VerifyNextRun()
    {
        ForgetCrashes();
        VerifyFromSnapshot();
        foreach (var record in _recovered)
        {
            switch (record)
            {
                case BlockRecorded b:
                    _journal[b.Height] = b;
                    break;
                case TxAccepted a:
                    _journaledTxs.Add((a.NotBefore, a.Submitter, a.Key));
                    break;
                case Admitted batch:
                    foreach (var a in batch.Txs) _journaledTxs.Add((a.NotBefore, a.Submitter, a.Key));
                    _journaledObservers.UnionWith(batch.Observers);
                    break;
                case ObserverAdded o:
                    _journaledObservers.Add(o);
                    break;
                case ConsensusChanged or SlotsSkipped:
                    _journaledConsensus.Add(KeyOf(record));
                    break;
            }
        }
        if (_journal.Count > 0)
            _log.Info("{0}: journal holds {1} blocks up to height {2}; replaying the run verifies them", _chainId, _journal.Count,
                _journal.Keys.Max());
        _recovered = [];
        _recoveredSequenceNrs = [];
    }

    private void RecoverAloneThen(object message)
    {
        Stash.Stash();
        var from = _snapshot?.Height ?? 0;
        try
        {
            ReexecuteJournal();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // a chain that cannot rebuild itself from its own journal must not restart into the same failure forever
            // a snapshot that failed to restore leaves no state to name a height of
            Emit(new JournalFailed(_chainId, LastSequenceNr, _state is null ? 0 : _state.Height, Writing: false,
                OneLine(ex), Replaying: true));
            Context.Stop(Self);
            return;
        }
        StartContractActors();
        _log.Warning("{0}: restarted from its snapshot at height {1}; re-executed its journal up to height {2}", _chainId, from,
            _state.Height);
        Emit(new Events.ChainRecovered(_chainId, from, _state.Height));
        Become(Ready);
        Stash.UnstashAll();
    }

    /// <summary>Each contract restored from a snapshot or re-executed from the journal gets its actor back.</summary>
    private void StartContractActors()
    {
        foreach (var (addr, mirror) in _mirrors)
            _contracts[addr] = Context.ActorOf(ContractActor.Props(addr, mirror.Code, mirror.Committed, null), ActorName(addr));
    }

    private void ReexecuteJournal()
    {
        RestoreSnapshot();
        var records = _recovered;
        _recovered = [];
        _recoveredSequenceNrs = [];
        _reexecuting = true;
        try
        {
            foreach (var record in records)
            {
                switch (record)
                {
                    case TxAccepted a:
                        Readmit(a);
                        break;
                    case Admitted batch:
                        foreach (var a in batch.Txs) Readmit(a);
                        foreach (var o in batch.Observers) _observers[o.ChannelId] = o.End;
                        break;
                    case ObserverAdded o:
                        _observers[o.ChannelId] = o.End;
                        break;
                    case BlockRecorded b:
                        Reexecute(b);
                        break;
                    case ConsensusChanged or SlotsSkipped:
                        Reapply(record);
                        break;
                }
            }
        }
        finally
        {
            _reexecuting = false;
        }
    }

    private void Readmit(TxAccepted a)
    {
        var entry = MempoolEntry.Of(a);
        _mempool[entry.Order] = entry;
        if (a.Id.Length > 0) _seenTxIds.Add(a.Id);
    }

    private void Reexecute(BlockRecorded recorded)
    {
        while (_state.Height + 1 < recorded.Height) ReexecuteBlock([]);
        var entries = new List<MempoolEntry>(recorded.Txs.Count);
        foreach (var tx in recorded.Txs)
        {
            if (!_mempool.Remove((tx.NotBefore, tx.Submitter, tx.Key), out var entry))
                throw new InvalidOperationException($"block {recorded.Height} names transaction {tx.Id}, which the journal never accepted");
            entries.Add(entry);
        }
        var result = ReexecuteBlock(entries);
        if (result.Height != recorded.Height || result.Time != recorded.Time || result.AppHash != recorded.AppHash)
            throw new InvalidOperationException($"re-executed block {result.Height} at {result.Time} with app hash {result.AppHash}, " +
                $"but the journal has block {recorded.Height} at {recorded.Time} with app hash {recorded.AppHash}");
        _toAnnounce = (result, new Dictionary<string, string>(_blockSubmitters, StringComparer.Ordinal));
    }

    private BlockResult ReexecuteBlock(List<MempoolEntry> entries)
    {
        _blockTxs = entries;
        RunBlock(NextBlockTime());
        _committed.Clear();
        return CommitBlock();
    }

    /// <summary>The last block re-executed from the journal is announced again before the first block after a restart.</summary>
    private void AnnounceRecovered()
    {
        if (_toAnnounce is not { } last) return;
        _toAnnounce = null;
        Announce(last.Block, last.Submitters);
    }
}
