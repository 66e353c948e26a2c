using Akka.Actor;
using Akka.Persistence;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Channels;

/// <summary>
/// A channel handed off to another member (its member leaves the cluster gracefully,
/// docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md). The run's clock is held between windows first, so
/// the channel's checkpoint part (<see cref="ChannelSnapshot"/>, in its <see cref="ChannelSnapshot.Manifest"/> form) is all
/// its state: it saves that as a snapshot under its persistence id and stops. Its next incarnation, elsewhere, loads the
/// snapshot before its first message, restores from it as a checkpoint's Restore does, and deletes it, so that nothing of
/// this run's hand-off is read again by a later one.
/// </summary>
public sealed partial class ChannelActor
{
    private readonly string? _persistenceId;
    private long _handOffs;

    private static IActorRef SnapshotStore => Akka.Persistence.Persistence.Instance.Apply(Context.System).SnapshotStoreFor(null);

    /// <summary>Before its first message: everything waits until the hand-off snapshot (if any) is read.</summary>
    private void Loading()
    {
        SnapshotStore.Tell(new LoadSnapshot(_persistenceId!, SnapshotSelectionCriteria.Latest, long.MaxValue));
        Receive<LoadSnapshotResult>(m =>
        {
            if (m.Snapshot is { } found) Resume(found);
            Become(Ready);
            Stash.UnstashAll();
        });
        Receive<LoadSnapshotFailed>(m =>
            throw new InvalidOperationException($"channel {_channelId}: its hand-off snapshot could not be read ({m.Cause.Message})"));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Resume(SelectedSnapshot found)
    {
        var s = ChannelSnapshot.FromBytes((byte[])found.Snapshot, ChannelSnapshot.Manifest);
        _handOffs = found.Metadata.SequenceNr;
        Apply(s);
        SnapshotStore.Tell(new DeleteSnapshots(_persistenceId!, new SnapshotSelectionCriteria(found.Metadata.SequenceNr)));
    }

    /// <summary>What the snapshot store answers a deletion: a snapshot left is read only by another hand-off's incarnation.</summary>
    private void Deleted()
    {
        Receive<DeleteSnapshotsSuccess>(_ => { });
        Receive<DeleteSnapshotsFailure>(_ => { });
    }

    private void HandOff()
    {
        if (_persistenceId is null || _spec is null)
        {
            Context.Stop(Self);
            return;
        }
        var snapshot = Snapshot();
        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(_persistenceId, _handOffs + 1, DateTime.UtcNow), snapshot.ToBytes()));
        Become(() =>
        {
            Receive<SaveSnapshotSuccess>(_ => Context.Stop(Self));
            Receive<SaveSnapshotFailure>(m =>
                throw new InvalidOperationException($"channel {_channelId}: its hand-off snapshot was not saved ({m.Cause.Message})"));
            // the region sends nothing more to an entity it hands off; a late reply is of no use to the next incarnation
            ReceiveAny(_ => { });
        });
    }
}
