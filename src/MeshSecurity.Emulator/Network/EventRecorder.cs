using Akka.Actor;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// Subscribes to the network's events, counts them in a <see cref="NetworkLog"/> as they arrive and holds them until the
/// next <see cref="Flush"/>, which puts them in canonical order and hands them to the log's sinks; passes on, as an
/// exception, what ends a run: a journal a chain cannot read or write, and a resumed chain that diverged from its journal.
/// </summary>
public sealed class EventRecorder : ReceiveActor, IWithTimers
{
    /// <summary>The events since the last flush, with their order of arrival within their block.</summary>
    private readonly List<(EmulatorEvent Event, int Index)> _pending = [];

    private readonly Dictionary<(string Lane, ulong Height), int> _inBlock = [];

    /// <summary>
    /// The last block each chain announced: a chain that restarted announces some blocks again (see ChainActor's
    /// recovery), and their events are already in.
    /// </summary>
    private readonly Dictionary<string, ulong> _lastBlock = new(StringComparer.Ordinal);
    private readonly HashSet<string> _halted = new(StringComparer.Ordinal);
    private (string Chain, ulong Height)? _repeated;

    public EventRecorder(NetworkLog log, Action<JournalFailureException> failed)
    {
        Receive<BlockEvents>(b =>
        {
            foreach (var e in b.Events) Record(e);
        });
        Receive<WindowEvents>(w =>
        {
            foreach (var b in w.Blocks)
                foreach (var e in b.Events) Record(e);
        });
        Receive<EmulatorEvent>(Record);
        Receive<ChainRecovered>(log.Recovered);
        void Record(EmulatorEvent e)
        {
            if (Repeated(e)) return;
            // a block's events arrive together, in the block's order, between two flushes: counting them per slice is
            // enough to keep that order (the sort is by time, lane, height, then this index); faults count in the run's lane
            var key = e.ArrivalSlot;
            var index = _inBlock.GetValueOrDefault(key);
            _inBlock[key] = index + 1;
            _pending.Add((e, index));
            log.Arrived(e);
            if (e is EmulatorEvent.ReplayDiverged d)
                failed(new JournalFailureException(d.ChainId, d.Height,
                    $"chain {d.ChainId} re-produced block {d.Height} differently from the journal (journal app hash " +
                    $"{Short(d.JournalAppHash)}, now {Short(d.AppHash)}): the journal was changed after it was written, " +
                    "or by another version of meshsec"));
        }
        Receive<JournalFailed>(f => failed(new JournalFailureException(f.Chain, f.AfterHeight, f.Writing
            ? $"chain {f.Chain} could not write journal record {f.SequenceNr} (block after height {f.AfterHeight}): {f.Reason}"
            : f.Replaying
                ? $"chain {f.Chain} failed while replaying journal record {f.SequenceNr} (after height {f.AfterHeight}): {f.Reason}"
                : $"chain {f.Chain} cannot read journal record {f.SequenceNr} (after height {f.AfterHeight}): {f.Reason}")));
        Receive<SubscribeTo>(m =>
        {
            _subscriber = Sender;
            _clock = m.Clock;
            // again now and then: a clock that moved to another node (a singleton's failover) holds events until asked
            Timers.StartPeriodicTimer("subscribe", Resubscribe.Instance, TimeSpan.FromSeconds(1));
            m.Clock.Tell(new ClockCommand.SubscribeEvents());
        });
        Receive<Resubscribe>(_ => _clock?.Tell(new ClockCommand.SubscribeEvents()));
        Receive<EventsSubscribed>(m =>
        {
            _subscriber?.Tell(m);
            _subscriber = null;
        });
        Receive<Flush>(_ =>
        {
            try
            {
                _pending.Sort(EmulatorEvent.Order);
                var events = new EmulatorEvent[_pending.Count];
                for (var i = 0; i < events.Length; i++) events[i] = _pending[i].Event;
                _pending.Clear();
                _inBlock.Clear();
                log.Publish(events);
                Sender.Tell(Flush.Done);
            }
            catch (Exception ex)
            {
                // a sink that cannot write (a full disk) fails the run's driver, which awaits this answer, at once
                Sender.Tell(new Status.Failure(ex));
            }
        });
    }

    private IActorRef? _subscriber;
    private IActorRef? _clock;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// Subscribes this recorder to the chains' events at a clock on another node (a cluster's time keeper). Answer:
    /// <see cref="EventsSubscribed"/>. Local to the driver's actor system.
    /// </summary>
    public sealed record SubscribeTo(IActorRef Clock) : INoSerializationVerificationNeeded;

    private sealed class Resubscribe : INoSerializationVerificationNeeded
    {
        public static readonly Resubscribe Instance = new();
    }

    private bool Repeated(EmulatorEvent e)
    {
        switch (e)
        {
            case EmulatorEvent.BlockCommitted b:
                var seen = _lastBlock.TryGetValue(b.ChainId, out var last) && b.Height <= last;
                if (!seen) _lastBlock[b.ChainId] = b.Height;
                _repeated = seen ? (b.ChainId, b.Height) : null;
                return seen;
            case EmulatorEvent.ChainHalted h:
                return !_halted.Add(h.ChainId);
            default:
                return _repeated == (e.ChainId, e.Height);
        }
    }

    /// <summary>
    /// Answered once every event published before it was handed to the sinks: the chains publish before they finish a
    /// clock step, so after a run of the clock to some time and a flush, every event up to that time is in, and the next
    /// slice's events all come later in canonical order.
    /// </summary>
    public sealed class Flush : INoSerializationVerificationNeeded
    {
        public static readonly Flush Instance = new();
        public static readonly object Done = new();
    }

    public static Props Props(NetworkLog log, Action<JournalFailureException> failed) =>
        Akka.Actor.Props.Create(() => new EventRecorder(log, failed));

    protected override void PreStart() => Subscribe(Context.System, Self);

    /// <summary>
    /// Subscribes <paramref name="recorder"/> to what a single node's clock and chains publish. The network calls it as it
    /// creates the recorder: PreStart runs later, on the recorder's dispatcher, and a busy machine could publish the first
    /// block's events before it (a subscription made twice is kept once).
    /// </summary>
    public static void Subscribe(ActorSystem system, IActorRef recorder)
    {
        system.EventStream.Subscribe(recorder, typeof(EmulatorEvent));
        system.EventStream.Subscribe(recorder, typeof(BlockEvents));
        system.EventStream.Subscribe(recorder, typeof(ChainRecovered));
        system.EventStream.Subscribe(recorder, typeof(JournalFailed));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private static string Short(string hash) => hash.Length > 16 ? hash[..16] : hash.Length == 0 ? "(none)" : hash;
}
