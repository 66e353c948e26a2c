using System.Collections.Immutable;
using Akka.Event;
using Akka.Persistence;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// Every N blocks (between blocks, nothing staged) the chain snapshots itself, so that it recovers from the snapshot and
/// the journal records after it instead of its whole history; older snapshots are deleted once a newer one is saved.
/// A resumed run, which starts the network over, starts the chain at genesis and checks the block at the snapshot's
/// height against the snapshot's app hash, as it checks each recorded block after it.
/// </summary>
public sealed partial class ChainActor
{
    private readonly ulong _snapshotEvery;

    /// <summary>The snapshot recovery offered, until the first message says how to use it.</summary>
    private ChainSnapshot? _snapshot;

    /// <summary>The height of the latest snapshot saved or recovered (0: none).</summary>
    private ulong _snapshotHeight;

    /// <summary>A resumed run: the height and app hash of the snapshot recovery offered, which the run re-produces.</summary>
    private ulong _coveredHeight;
    private string _coveredHash = "";

    private void OfferedSnapshot(ChainSnapshot snapshot)
    {
        _snapshot = snapshot;
        _snapshotHeight = snapshot.Height;
        _crashIds = snapshot.Crashes ?? [];
        Started(snapshot.Definition);
    }

    /// <summary>Alone: the chain takes the snapshot's state, then re-executes the journal's tail.</summary>
    private void RestoreSnapshot()
    {
        if (_snapshot is not { } s)
        {
            EnsureGenesis();
            return;
        }
        _snapshot = null;
        _genesisPending = false;
        _state = s.RestoreState();
        _appHash = s.AppHash;
        _halted = s.Halted;
        _blockNanos = s.BlockNanos;
        _clockOffset = s.ClockOffsetNanos;
        _clockJumpNext = s.ClockJumpNanos;
        _lastInstant = s.MadeAt ?? _state.Time;
        _offline = (s.Offline ?? []).Select(a => new Core.Types.Addr(a)).ToImmutableSortedSet(Core.Staking.StakingState.AddrOrder);
        foreach (var c in s.Contracts) _mirrors[c.Address] = s.RestoreContract(c, _codes);
        foreach (var record in s.Mempool)
        {
            var entry = MempoolEntry.Of(record);
            _mempool[entry.Order] = entry;
        }
        _seenTxIds.UnionWith(s.SeenTxIds);
        foreach (var o in s.Observers) _observers[o.ChannelId] = o.End;
        _headers.Reset(s.Headers);
    }

    /// <summary>A resumed run: genesis again; what the snapshot covers is not written a second time.</summary>
    private void VerifyFromSnapshot()
    {
        if (_snapshot is not { } s) return;
        _snapshot = null;
        _coveredHeight = s.Height;
        _coveredHash = s.AppHash;
        _journaledObservers.UnionWith(s.Observers);
    }

    /// <summary>A block re-produced at or below the snapshot's height is in the journal already: at its height, it is checked.</summary>
    private bool CoveredBySnapshot(Core.Chain.BlockResult result)
    {
        if (result.Height > _coveredHeight) return false;
        if (result.Height == _coveredHeight && result.AppHash != _coveredHash)
        {
            _log.Error("{0}@{1}: the resumed run diverged from the chain's snapshot", _chainId, result.Height);
            Emit(new Events.EmulatorEvent.ReplayDiverged(_chainId, result.Height, result.Time, _coveredHash,
                result.AppHash));
        }
        return true;
    }

    private void MaybeSnapshot(ulong height)
    {
        if (_snapshotEvery == 0 || height % _snapshotEvery != 0 || height <= _snapshotHeight) return;
        if (_journal.Count > 0 && height <= _journal.Keys.Max()) return; // a resumed run re-producing what is written
        _snapshotHeight = height;
        _snapshotSaving = true;
        SaveSnapshot(CaptureSnapshot());
    }

    /// <summary>A snapshot save not yet answered, and what waits for its answer (a hand-off stop).</summary>
    private bool _snapshotSaving;
    private Action? _afterSnapshotSaved;

    /// <summary>Runs <paramref name="then"/> once the snapshot being saved is (or failed to be), so a stop does not lose it.</summary>
    private void WhenSnapshotSaved(Action then)
    {
        // after what already waits (a restore's answer, then a copy of it): each runs once, in order
        if (_snapshotSaving) _afterSnapshotSaved = _afterSnapshotSaved is { } before ? before + then : then;
        else then();
    }

    private void SnapshotAnswered()
    {
        _snapshotSaving = false;
        var then = _afterSnapshotSaved;
        _afterSnapshotSaved = null;
        then?.Invoke();
    }

    /// <summary>Everything the chain is between blocks (nothing staged), as <see cref="RestoreSnapshot"/> reads it back.</summary>
    private ChainSnapshot CaptureSnapshot() =>
        ChainSnapshot.Capture(_definition, _state, _appHash, _halted, _mirrors.Values, _mempool.Values, _seenTxIds, _observers,
            _headers.ToList()) with
        {
            Offline = _offline.IsEmpty ? null : [.. _offline.Select(a => a.Value)],
            BlockNanos = _blockNanos,
            ClockOffsetNanos = _clockOffset,
            ClockJumpNanos = _clockJumpNext,
            MadeAt = _lastInstant == _state.Time ? null : _lastInstant,
            Crashes = _crashIds.Count == 0 ? null : _crashIds,
        };

    private void SnapshotCommands()
    {
        Command<SaveSnapshotSuccess>(m =>
        {
            DeleteSnapshots(new SnapshotSelectionCriteria(m.Metadata.SequenceNr - 1));
            SnapshotAnswered();
        });
        Command<SaveSnapshotFailure>(m =>
        {
            _log.Warning("{0}: a snapshot could not be saved ({1}); recovery reads more of the journal", _chainId, m.Cause.Message);
            SnapshotAnswered();
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(m => _log.Warning("{0}: old snapshots could not be deleted ({1})", _chainId, m.Cause.Message));
    }
}
