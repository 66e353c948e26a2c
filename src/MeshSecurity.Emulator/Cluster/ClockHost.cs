using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// A run's time keeping in a cluster, as one singleton: the time keeper and the clock that ticks the run's chains and
/// channels through their shard regions, wherever they are. What it is sent goes to the time keeper.
/// <para>
/// Its member leaving gracefully hands it over to the next oldest member
/// (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md): the singleton manager sends it
/// <see cref="HandOver"/>, the clock being held between windows by the run's driver; it
/// saves its state (<see cref="ClockSnapshot"/>) as a snapshot under the run's <c>run-&lt;id&gt;/clock</c> and stops. The
/// next singleton loads it before its first message, goes on from it and deletes it, so nothing of one hand-over is read
/// by a later start. Meanwhile a run of the clock asked for is saved with the state and a reading is answered; anything
/// else is not: its sender re-sends it, and the next singleton answers. A downed member's singleton (also sent
/// <see cref="HandOver"/>) saves nothing: its run is abandoned.
/// </para>
/// </summary>
public sealed class ClockHost : ReceiveActor, IWithUnboundedStash
{
    private readonly IActorRef _chains;
    private readonly IActorRef _channels;
    private readonly ClockSettings _clock;
    private readonly Timestamp _genesis;
    private readonly string _persistenceId;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>
    /// The hold the driver takes while this member leaves: released only once the clock is on the next member (a release
    /// here would open a window on a member whose regions have stopped; the driver re-sends it until the next one answers).
    /// </summary>
    private readonly string _ownLeave = MemberWatch.HoldId(Akka.Cluster.Cluster.Get(Context.System).SelfAddress);

    private IActorRef _keeper = ActorRefs.Nobody;
    private long _handOvers;

    public ClockHost(IActorRef chains, IActorRef channels, ClockSettings clock, Timestamp genesis, string persistenceId)
    {
        (_chains, _channels, _clock, _genesis, _persistenceId) = (chains, channels, clock, genesis, persistenceId);
        Loading();
    }

    public IStash Stash { get; set; } = null!;

    /// <summary>The singleton manager's termination message: save the state for the next singleton, then stop.</summary>
    public sealed class HandOver : INoSerializationVerificationNeeded
    {
        public static readonly HandOver Instance = new();
    }

    public static Props Props(IActorRef chains, IActorRef channels, ClockSettings clock, Timestamp genesis, string persistenceId) =>
        Akka.Actor.Props.Create(() => new ClockHost(chains, channels, clock, genesis, persistenceId));

    private static IActorRef SnapshotStore => Akka.Persistence.Persistence.Instance.Apply(Context.System).SnapshotStoreFor(null);

    protected override void PreStart() =>
        SnapshotStore.Tell(new LoadSnapshot(_persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue));

    private void Loading()
    {
        Receive<LoadSnapshotResult>(m =>
        {
            ClockSnapshot? from = null;
            if (m.Snapshot is { } found)
            {
                from = ClockSnapshot.FromBytes((byte[])found.Snapshot, ClockSnapshot.Manifest);
                _handOvers = found.Metadata.SequenceNr;
                SnapshotStore.Tell(new DeleteSnapshots(_persistenceId, new SnapshotSelectionCriteria(found.Metadata.SequenceNr)));
                // a warning as a chain's restart is: the run went on through it, and an operator may look for why
                _log.Warning("clock {0} goes on from its hand-over: at {1}, after window {2}, {3} chains scheduled, held by {4}",
                    _persistenceId, from.Now, from.Windows, from.Schedule.Count, string.Join(", ", from.Holds));
            }
            var node = Context.ActorOf(NodeClock.Props(_chains, _channels, _clock with { HoldEvents = true }, from), "node-clock");
            _keeper = Context.ActorOf(TimeKeeper.Props(node, _clock, _genesis, from), "time-keeper");
            Become(Running);
            Stash.UnstashAll();
        });
        Receive<LoadSnapshotFailed>(m =>
            throw new InvalidOperationException($"clock {_persistenceId}: its hand-over snapshot could not be read ({m.Cause.Message})"));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Running()
    {
        Receive<HandOver>(_ =>
        {
            // a graceful leave runs its member's coordinated shutdown first (its driver holds the clock in it); a downed member
            // is sent this before its shutdown starts (or during one for the downing): its run is abandoned, and a state saved
            // now would never be read, nor deleted
            if (CoordinatedShutdown.Get(Context.System).ShutdownReason is null or CoordinatedShutdown.ClusterDowningReason)
            {
                _log.Warning("clock {0}: its member was downed, not leaving, so it saves no hand-over state", _persistenceId);
                Context.Stop(Self);
                return;
            }
            _keeper.Tell(new ClockHandOver.Take());
            Become(HandingOver);
        });
        Receive<ClockCommand.Release>(_ => { }, m => m.Id == _ownLeave);
        Receive<DeleteSnapshotsSuccess>(_ => { });
        Receive<DeleteSnapshotsFailure>(m => _log.Warning("clock {0}: its read hand-over snapshot was not deleted ({1})",
            _persistenceId, m.Cause.Message));
        ReceiveAny(m => _keeper.Forward(m));
    }

    private void HandingOver()
    {
        // what came after the state was asked for, before it is saved: a run of the clock waits on the next singleton as
        // one asked before, and a reading is answered (the state stands); anything else is re-sent by its sender
        var late = new List<IActorRef>();
        var until = Timestamp.Zero;
        var saving = false;
        Receive<ClockCommand.GetStatus>(m => _keeper.Forward(m));
        Receive<ClockCommand.RunUntil>(m =>
        {
            if (saving || late.Contains(Sender)) return;
            late.Add(Sender);
            if (m.Until > until) until = m.Until;
        });
        Receive<ClockHandOver.Taken>(m =>
        {
            saving = true;
            var waiters = m.Snapshot.Waiters.Union(late.Select(Akka.Serialization.Serialization.SerializedActorPath)).ToList();
            var state = m.Snapshot with { Waiters = waiters, Until = until > m.Snapshot.Until ? until : m.Snapshot.Until };
            SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(_persistenceId, _handOvers + 1, DateTime.UtcNow), state.ToBytes()));
        });
        Receive<ClockHandOver.Refused>(m =>
        {
            // the run was not held for this leave: its driver counts it as a loss and starts the run again
            _log.Warning("clock {0} is handed over without its state ({1})", _persistenceId, m.Why);
            Context.Stop(Self);
        });
        Receive<SaveSnapshotSuccess>(_ => Context.Stop(Self));
        Receive<SaveSnapshotFailure>(m =>
        {
            _log.Error("clock {0}: its hand-over snapshot was not saved ({1})", _persistenceId, m.Cause.Message);
            Context.Stop(Self);
        });
        // not answered: re-sent by the driver, to be answered by the next singleton
        ReceiveAny(_ => { });
    }
}
