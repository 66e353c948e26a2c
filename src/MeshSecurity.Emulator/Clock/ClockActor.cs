using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Clock;

/// <summary>
/// The emulated clock: a discrete-event scheduler. It keeps every entity's next wake-up, and runs steps in time order:
/// all timers due at the earliest (time, target kind) are delivered at once (entities work in parallel), and the next
/// step starts only when every one of them answered <see cref="StepDone"/>, which they send only after everything they
/// caused was acknowledged. So the history is a function of the inputs and the seed, whatever the speed or the thread
/// scheduling: the same run gives the same events at the same emulated times.
/// </summary>
public sealed class ClockActor : ReceiveActor, IWithTimers
{
    private readonly IActorRef _chains;
    private readonly IActorRef _channels;
    private readonly ClockSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SortedSet<TimerRequest> _queue = new(TimerOrder.Instance);
    private readonly HashSet<string> _awaiting = [];
    private readonly List<IActorRef> _waiters = [];
    private Timestamp _now;
    private ulong _step;
    private Timestamp _until;
    private bool _inStep;
    private bool _pacing;
    private long _stepStarted;

    public ClockActor(IActorRef chains, IActorRef channels, ClockSettings settings, Timestamp start)
    {
        _chains = chains;
        _channels = channels;
        _settings = settings;
        _now = start;
        _until = start;

        Receive<ClockCommand.Schedule>(m =>
        {
            foreach (var t in m.Timers) Add(t);
            Sender.Tell(Status());
            TryStep();
        });
        Receive<ClockCommand.RunUntil>(m =>
        {
            if (m.Until > _until) _until = m.Until;
            _waiters.Add(Sender);
            TryStep();
        });
        Receive<ClockCommand.GetStatus>(_ => Sender.Tell(Status()));
        Receive<StepDone>(OnStepDone);
        Receive<Continue>(_ =>
        {
            _pacing = false;
            ExecuteStep();
        });
        Receive<Watchdog>(_ =>
        {
            if (!_inStep || System.Diagnostics.Stopwatch.GetElapsedTime(_stepStarted) < _settings.EffectiveStepTimeout) return;
            _log.Error("clock step {0} at {1}: no answer from {2} within {3}", _step, _now, string.Join(", ", _awaiting.Order(StringComparer.Ordinal)), _settings.EffectiveStepTimeout);
            // go on without them rather than stall the whole network; their next timers are lost
            _awaiting.Clear();
            FinishStep();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef chains, IActorRef channels, ClockSettings settings, Timestamp start) =>
        Akka.Actor.Props.Create(() => new ClockActor(chains, channels, settings, start));

    private ClockStatus Status() => new(_now, _step, _queue.Count, _inStep || _pacing);

    private void Add(TimerRequest t)
    {
        if (t.At < _now) t = t with { At = _now };
        _queue.Add(t);
    }

    private void TryStep()
    {
        if (_inStep || _pacing) return;
        if (_queue.Count == 0 || _queue.Min!.At > _until)
        {
            if (_now < _until && (_queue.Count == 0 || _queue.Min!.At > _until)) _now = _until;
            var status = Status();
            foreach (var w in _waiters) w.Tell(status);
            _waiters.Clear();
            return;
        }
        if (_settings.Speed is { } speed && _queue.Min!.At > _now)
        {
            var emulatedSeconds = (_queue.Min.At.Nanos - _now.Nanos) / (double)Timestamp.NanosPerSecond;
            _pacing = true;
            Timers.StartSingleTimer("pace", Continue.Instance, TimeSpan.FromSeconds(emulatedSeconds / speed));
            return;
        }
        ExecuteStep();
    }

    private void ExecuteStep()
    {
        if (_queue.Count == 0) return;
        var first = _queue.Min!;
        var due = _queue.TakeWhile(t => t.At == first.At && t.Target == first.Target).ToList();
        foreach (var t in due) _queue.Remove(t);
        _now = first.At;
        _step++;
        _inStep = true;
        foreach (var t in due)
        {
            if (!_awaiting.Add(t.TargetId)) continue;
            if (t.Target == TimerTarget.Chain) _chains.Tell(new ChainTick(t.TargetId, _step, _now));
            else _channels.Tell(new ChannelTick(t.TargetId, _step, _now));
        }
        _stepStarted = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    private void OnStepDone(StepDone m)
    {
        if (m.Step != _step || !_inStep)
        {
            _log.Warning("late StepDone for step {0} from {1} (now at step {2})", m.Step, m.TargetId, _step);
            foreach (var t in m.Timers) Add(t);
            return;
        }
        foreach (var t in m.Timers) Add(t);
        _awaiting.Remove(m.TargetId);
        if (_awaiting.Count == 0) FinishStep();
    }

    private void FinishStep()
    {
        _inStep = false;
        TryStep();
    }

    private sealed class Continue
    {
        public static readonly Continue Instance = new();
    }

    /// <summary>
    /// Checks a few times per step timeout whether the step overran: one periodic timer rather than a timer started and
    /// cancelled per step, which cost more than the step itself on an idle network.
    /// </summary>
    private sealed class Watchdog
    {
        public static readonly Watchdog Instance = new();
    }

    protected override void PreStart() =>
        Timers.StartPeriodicTimer("watchdog", Watchdog.Instance, TimeSpan.FromTicks(System.Math.Max(TimeSpan.TicksPerMillisecond, _settings.EffectiveStepTimeout.Ticks / 4)));

    /// <summary>Orders timers by time, then channels before chains, then id: the order steps run in.</summary>
    private sealed class TimerOrder : IComparer<TimerRequest>
    {
        public static readonly TimerOrder Instance = new();

        public int Compare(TimerRequest? x, TimerRequest? y)
        {
            var c = x!.At.CompareTo(y!.At);
            if (c != 0) return c;
            c = x.Target.CompareTo(y.Target);
            return c != 0 ? c : string.CompareOrdinal(x.TargetId, y.TargetId);
        }
    }
}
