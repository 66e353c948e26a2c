using Akka.Actor;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// A chain's part of a network checkpoint (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md): between blocks it
/// hands the runner its snapshot and the last journal record the snapshot covers; in a resumed network it starts from
/// that snapshot instead of genesis, and the journal records after it are checked as the run re-produces them, as in a
/// run resumed from genesis (ChainActor.Recovery.cs).
/// </summary>
public sealed partial class ChainActor
{
    /// <summary>
    /// The snapshot is answered once the chain's pending journal writes are done, so the sequence number covers every
    /// record whose content it holds. A chain that still re-produces blocks of its journal (a resumed run before the point
    /// it was stopped at) cannot be cut: the records after the cut would be dropped by the next resume unchecked.
    /// </summary>
    private void Capture()
    {
        // a resumed run's driver numbers its crashes again: the ids stay with this run's journal, out of the checkpoint
        var snapshot = CaptureSnapshot() with { Crashes = null };
        var behind = _journal.Keys.Any(h => h > _state.Height) || _journaledTxs.Count > 0;
        var sender = Sender;
        DeferAsync(snapshot, s => sender.Tell(behind
            ? new Status.Failure(new InvalidOperationException($"{_chainId} still re-produces its journal"))
            : new ChainCheckpoint.Captured(_chainId, LastSequenceNr, s)));
    }

    private void Restore(ChainCheckpoint.Restore m)
    {
        if (m.Fresh && !_started)
        {
            // a cluster run's next attempt: this chain's journal is new, so it starts with the checkpoint's definition
            var sender = Sender;
            Persist(new ChainStarted(m.Snapshot.Definition), e =>
            {
                Genesis(e.Definition);
                TakeCheckpoint(m, sender);
            });
            return;
        }
        if (!_started)
        {
            Sender.Tell(new Status.Failure(new InvalidOperationException($"{_chainId} has no journal to resume")));
            return;
        }
        TakeCheckpoint(m, Sender);
    }

    /// <summary>
    /// A second copy of the restore (a re-sent ask, docs/decisions/0013) once the chain took its checkpoint: applied once,
    /// so it is answered as an <see cref="ChainCommand.Init"/> copy is, once the checkpoint's snapshot is saved.
    /// </summary>
    private void RestoredAlready()
    {
        var sender = Sender;
        WhenSnapshotSaved(() => sender.Tell(new ChainReply.Ready(_chainId, _state.Height, _state.Time, NextBlockTime())));
    }

    private void TakeCheckpoint(ChainCheckpoint.Restore m, IActorRef sender)
    {
        _snapshot = m.Snapshot;
        RestoreSnapshot();
        _snapshotHeight = m.Snapshot.Height;
        var after = new List<IJournalRecord>();
        for (var i = 0; i < _recovered.Count; i++)
            if (_recoveredSequenceNrs[i] > m.SequenceNr) after.Add(_recovered[i]);
        _recovered = after;
        _recoveredSequenceNrs = [];
        VerifyNextRun();
        StartContractActors();
        var ready = new ChainReply.Ready(_chainId, _state.Height, _state.Time, NextBlockTime());
        Become(Ready);
        if (m.Fresh)
        {
            // the checkpoint's state is this journal's first snapshot: a chain moved or crashed later recovers from it, and
            // the run goes on only once it is saved
            _snapshotSaving = true;
            SaveSnapshot(m.Snapshot);
            WhenSnapshotSaved(() => sender.Tell(ready));
        }
        else sender.Tell(ready);
        Stash.UnstashAll();
    }
}
