using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Channels;

/// <summary>
/// On a cluster (a persistence id) a channel journals its inputs and answers what they changed only once they are written
/// (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md): each digest it keeps (<see cref="DigestKept"/>), each
/// window it relayed (<see cref="WindowRelayed"/>), each change of its switches (<see cref="ChannelSwitched"/>), and a
/// snapshot (its checkpoint part) after an open, a clear, a restore, a hand-off and every
/// <see cref="DefaultSnapshotEvery"/> relayed windows. Its next incarnation, wherever and however the last one ended,
/// reads the latest snapshot and the records after it before its first message. It talks to the journal through the
/// journal's own protocol, not as a persistent actor, so that a single node's channel, which journals nothing, keeps its
/// code path and its messages.
/// </summary>
public sealed partial class ChannelActor
{
    /// <summary>Relayed windows between two snapshots unless the run says otherwise: few records to replay, few snapshots.</summary>
    public const int DefaultSnapshotEvery = 100;

    private static int _incarnations;

    /// <summary>Which incarnation wrote: a reply to a write of the one before a restart (same actor) is not this one's.</summary>
    private readonly int _incarnation = Interlocked.Increment(ref _incarnations);

    private readonly string _writer = Guid.NewGuid().ToString("N");
    private readonly int _snapshotEvery;
    private readonly Dictionary<long, Action> _writing = [];
    private readonly Dictionary<long, Action> _saving = [];

    /// <summary>The last sequence number written or taken by a snapshot (a snapshot takes one of its own, so no two share one).</summary>
    private long _sequenceNr;

    private long _relaysSinceSnapshot;
    private long _replayed;
    private long? _recordingWindow;

    private bool Journaled => _persistenceId is not null;

    private static IActorRef JournalActor => Akka.Persistence.Persistence.Instance.Apply(Context.System).JournalFor(null);

    private static IActorRef SnapshotStore => Akka.Persistence.Persistence.Instance.Apply(Context.System).SnapshotStoreFor(null);

    /// <summary>Before its first message: everything waits until the latest snapshot and the records after it are read.</summary>
    private void Loading()
    {
        SnapshotStore.Tell(new LoadSnapshot(_persistenceId!, SnapshotSelectionCriteria.Latest, long.MaxValue));
        Receive<LoadSnapshotResult>(m =>
        {
            if (m.Snapshot is { } found)
            {
                Apply(ChannelSnapshot.FromBytes((byte[])found.Snapshot, ChannelSnapshot.Manifest));
                _sequenceNr = found.Metadata.SequenceNr;
            }
            JournalActor.Tell(new ReplayMessages(_sequenceNr + 1, long.MaxValue, long.MaxValue, _persistenceId!, Self));
        });
        Receive<LoadSnapshotFailed>(m =>
            throw new InvalidOperationException($"channel {_channelId}: its snapshot could not be read ({m.Cause.Message})"));
        Receive<ReplayedMessage>(m =>
        {
            Reapply((IJournalRecord)m.Persistent.Payload);
            _sequenceNr = m.Persistent.SequenceNr;
            _replayed++;
        });
        Receive<RecoverySuccess>(m =>
        {
            if (_spec is not null)
                Context.GetLogger().Warning("channel {0}: recovered from its snapshot at {1} and {2} records after it", _channelId,
                    _sequenceNr - _replayed, _replayed);
            _sequenceNr = global::System.Math.Max(_sequenceNr, m.HighestSequenceNr);
            Become(Ready);
            Stash.UnstashAll();
        });
        Receive<ReplayMessagesFailure>(m =>
            throw new InvalidOperationException($"channel {_channelId}: its journal could not be read ({m.Cause.Message})"));
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>A record read back: what it changed, changed again, nothing sent (the chains answered before it was written).</summary>
    private void Reapply(IJournalRecord record)
    {
        switch (record)
        {
            case DigestKept k:
                if (_held.Add((k.Digest.ChainId, k.Digest.Height))) _observed.Add(k.Digest);
                break;
            case WindowRelayed w:
                _observed.Sort(DigestOrder.Instance);
                // the relayer's state depends on the digests alone, not on the window it reads them in (ADR 0017, "Checked")
                foreach (var d in _observed) _relayer!.Observe(d);
                Release();
                foreach (var chain in new[] { _spec!.ChainA, _spec.ChainB }) _watching[chain] = _relayer!.EndOn(chain);
                _submittedTo.Clear();
                _relayedWindow = w.Window;
                _lastRelayed = new RelayWindowDone(w.Window, _channelId, [.. w.SubmittedTo]);
                break;
            case ChannelSwitched s:
                (_paused, _duplicate, _faults, _lastCrash) = (s.Paused, s.Duplicate, s.Faults, s.LastCrash ?? "");
                if (_relayer is not null) _relayer.Faults = _faults;
                break;
        }
    }

    /// <summary>Writes <paramref name="record"/> and runs <paramref name="then"/> once it is written; on a single node, at once.</summary>
    private void Journal(IJournalRecord record, Action then)
    {
        if (!Journaled)
        {
            then();
            return;
        }
        var written = new Persistent(record, sequenceNr: ++_sequenceNr, persistenceId: _persistenceId, writerGuid: _writer);
        _writing[written.SequenceNr] = then;
        JournalActor.Tell(new WriteMessages([new AtomicWrite(written)], Self, _incarnation));
    }

    /// <summary>Digests whose record is being written, by (chain, height), with the sequence number of the write.</summary>
    private readonly Dictionary<(string Chain, ulong Height), long> _keeping = [];

    private void KeepDigest(Core.Relaying.BlockDigest digest, IActorRef chain, DigestAck ack)
    {
        var key = (digest.ChainId, digest.Height);
        Journal(new DigestKept(digest), () =>
        {
            _keeping.Remove(key);
            chain.Tell(ack);
        });
        _keeping[key] = _sequenceNr;
    }

    /// <summary>A copy of a digest held: answered as the first, and not before the first's record is written.</summary>
    private void AfterKept((string Chain, ulong Height) key, IActorRef chain, DigestAck ack)
    {
        if (_keeping.TryGetValue(key, out var sequenceNr) && _writing.TryGetValue(sequenceNr, out var first))
            _writing[sequenceNr] = () =>
            {
                first();
                chain.Tell(ack);
            };
        else chain.Tell(ack);
    }

    /// <summary>The switches as they are now, journaled before <paramref name="then"/> answers or applies the command.</summary>
    private void JournalSwitches(Action then) =>
        Journal(new ChannelSwitched(_paused, _duplicate, _faults, _lastCrash.Length == 0 ? null : _lastCrash), then);

    /// <summary>Saves the channel's state as a snapshot, then runs <paramref name="then"/>; on a single node, at once.</summary>
    private void SaveSnapshot(Action then)
    {
        if (!Journaled || _spec is null)
        {
            then();
            return;
        }
        var metadata = new SnapshotMetadata(_persistenceId!, ++_sequenceNr, DateTime.UtcNow);
        _saving[metadata.SequenceNr] = then;
        _relaysSinceSnapshot = 0;
        SnapshotStore.Tell(new SaveSnapshot(metadata, Snapshot().ToBytes()));
    }

    /// <summary>A relayed window written: a snapshot every <see cref="_snapshotEvery"/>, so a recovery replays few windows.</summary>
    private void Relayed()
    {
        if (Journaled && ++_relaysSinceSnapshot >= _snapshotEvery) SaveSnapshot(() => { });
    }

    /// <summary>The journal's and the snapshot store's answers to this incarnation's writes.</summary>
    private void Writes()
    {
        Receive<WriteMessageSuccess>(m =>
        {
            if (m.ActorInstanceId == _incarnation && _writing.Remove(m.Persistent.SequenceNr, out var then)) then();
        });
        Receive<WriteMessageRejected>(m => WriteFailed(m.ActorInstanceId, m.Cause));
        Receive<WriteMessageFailure>(m => WriteFailed(m.ActorInstanceId, m.Cause));
        Receive<WriteMessagesSuccessful>(_ => { });
        Receive<WriteMessagesFailed>(_ => { });
        Receive<SaveSnapshotSuccess>(m =>
        {
            if (!_saving.Remove(m.Metadata.SequenceNr, out var then)) return;
            // the snapshots before it are not read again (Akka's memory store reads a bound of 0 as "every snapshot")
            if (m.Metadata.SequenceNr > 1)
                SnapshotStore.Tell(new DeleteSnapshots(_persistenceId!, new SnapshotSelectionCriteria(m.Metadata.SequenceNr - 1)));
            then();
        });
        Receive<SaveSnapshotFailure>(m =>
            throw new InvalidOperationException($"channel {_channelId}: its snapshot was not saved ({m.Cause.Message})"));
        Receive<DeleteSnapshotsSuccess>(_ => { });
        Receive<DeleteSnapshotsFailure>(_ => { });
    }

    /// <summary>
    /// What was not written was not answered: the channel restarts from its journal, and the senders re-send (ADR 0013).
    /// </summary>
    private void WriteFailed(int incarnation, Exception cause)
    {
        if (incarnation == _incarnation)
            throw new InvalidOperationException($"channel {_channelId}: a journal write failed ({cause.Message})");
    }
}
