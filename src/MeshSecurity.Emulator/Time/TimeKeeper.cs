using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// Keeps emulated time for the run by conservative windows: a window starts at the earliest next block of any chain, T,
/// and lasts the lookahead (the smallest latency any relayer can draw), or one instant when that is zero. Nothing a
/// block causes elsewhere can land within its own window, so the chains of a window work side by side and the history
/// does not depend on the window length, the speed, or thread timing. Windows never cross the time the driver asked
/// for, so its steps and readings fall between windows. At a finite speed a window opens when the wall clock reaches
/// start + (T - t0) / speed; when the network cannot keep up, the status says how far behind it is.
/// </summary>
public sealed partial class TimeKeeper : ReceiveActor, IWithTimers
{
    private readonly IActorRef _node;
    private readonly ClockSettings _settings;
    private readonly List<IActorRef> _waiters = [];
    private readonly HashSet<string> _holds = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _holding = [];
    /// <summary>The ids of the chaos records taken (a few per run): a copy of one is not recorded twice.</summary>
    private readonly HashSet<string> _chaosRecords = new(StringComparer.Ordinal);
    private Timestamp _now;
    private Timestamp _until;
    private Timestamp? _next;
    private ulong _lookahead;
    private long _windows, _chainTicks;
    private bool _open, _pacing;
    private Timestamp _windowEnd;
    private long _paceWallStart;
    private Timestamp _paceT0;
    private bool _paceStarted;
    private double _behind;
    private ImmutableArray<string> _waiting = [];
    private DateTimeOffset? _waitingSince;

    /// <param name="from">A cluster clock handed over from the member that left, to go on from (null: a new one at start).</param>
    public TimeKeeper(IActorRef node, ClockSettings settings, Timestamp start, Persistence.ClockSnapshot? from = null)
    {
        _node = node;
        _settings = settings;
        _now = start;
        _until = start;
        if (from is not null) Restore(from);
        Receive<ClockHandOver.Take>(_ => Take());
        Receive<ClockCommand.Register>(m =>
        {
            _node.Tell(m);
            if (_next is null || m.FirstBlock < _next) _next = m.FirstBlock;
            Sender.Tell(Status());
        });
        Receive<ClockCommand.SetLookahead>(m =>
        {
            _lookahead = m.Nanos;
            Sender.Tell(Status());
        });
        Receive<ClockCommand.RunUntil>(m =>
        {
            if (_undelivered is not null)
            {
                Sender.Tell(Status());
                return;
            }
            if (m.Until > _until) _until = m.Until;
            // a re-sent copy (MeshNetwork re-sends a run until answered) waits as its first copy does, answered once
            if (!_waiters.Contains(Sender)) _waiters.Add(Sender);
            TryOpen();
        });
        Receive<ClockCommand.GetStatus>(_ => Sender.Tell(Status()));
        Receive<ClockCommand.Resend>(m =>
        {
            // the node clock sends the phase's message again to whoever has not answered; the window waits on as before
            if (_open) _node.Tell(m);
            Sender.Tell(Status());
        });
        Receive<ClockCommand.Hold>(m =>
        {
            _holds.Add(m.Id);
            if (_open) _holding.Add(Sender);
            else
            {
                // a window waiting for the wall clock (paced) is not open yet: it opens after the release
                if (_pacing) Timers.Cancel("pace");
                _pacing = false;
                Sender.Tell(Status());
            }
        });
        Receive<ClockCommand.Release>(m =>
        {
            _holds.Remove(m.Id);
            Sender.Tell(Status());
            TryOpen();
        });
        Receive<ClockCommand.RecordChaos>(m =>
        {
            // a re-sent copy (docs/decisions/0013) is answered, not recorded again
            if (_chaosRecords.Add(m.Id)) _node.Tell(new Events.EmulatorEvent.ChaosInjected(m.Chain, 0, _now, m.Fault, m.Targets, m.Member));
            Sender.Tell(Status());
        });
        Receive<ClockCommand.SubscribeEvents>(m => _node.Forward(m));
        Receive<ClockCommand.RestartPacing>(_ =>
        {
            _paceStarted = false;
            _behind = 0;
            Sender.Tell(Status());
        });
        Receive<WindowDone>(OnWindowDone);
        Receive<Stalled>(m =>
        {
            _waiting = m.Waiting;
            _waitingSince = m.Waiting.IsEmpty ? null : m.Since;
            if (m.GaveUp is null) return;
            // the window never ends: whoever waits for the clock hears why at once
            _undelivered = m.GaveUp;
            var status = Status();
            foreach (var w in _waiters.Concat(_holding)) w.Tell(status);
            _waiters.Clear();
            _holding.Clear();
        });
        Receive<Continue>(_ =>
        {
            _pacing = false;
            if (_holds.Count == 0) OpenNow();
        });
        Receive<Watchdog>(_ => Reopen());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef node, ClockSettings settings, Timestamp start, Persistence.ClockSnapshot? from = null) =>
        Akka.Actor.Props.Create(() => new TimeKeeper(node, settings, start, from));

    private string? _undelivered;

    private ClockStatus Status() => new(_now, _windows, _chainTicks, _open || _pacing, _behind, _waiting, _waitingSince)
    {
        LookaheadNanos = _lookahead,
        Undelivered = _undelivered,
    };

    private void TryOpen()
    {
        if (_open || _pacing || _holds.Count > 0) return;
        if (_next is not { } next || next > _until)
        {
            if (_now < _until) _now = _until;
            var status = Status();
            foreach (var w in _waiters) w.Tell(status);
            _waiters.Clear();
            return;
        }
        if (_settings.Speed is { } speed)
        {
            if (!_paceStarted)
            {
                (_paceStarted, _paceWallStart, _paceT0) = (true, Stopwatch.GetTimestamp(), _now);
            }
            var due = (next.Nanos - _paceT0.Nanos) / (double)Timestamp.NanosPerSecond / speed;
            var late = Stopwatch.GetElapsedTime(_paceWallStart).TotalSeconds - due;
            _behind = System.Math.Max(0, late);
            if (late < -0.001)
            {
                _pacing = true;
                Timers.StartSingleTimer("pace", Continue.Instance, TimeSpan.FromSeconds(-late));
                return;
            }
        }
        OpenNow();
    }

    private void OpenNow()
    {
        var start = _next!.Value;
        var length = System.Math.Max(System.Math.Min(_lookahead, _settings.MaxWindowNanos ?? ulong.MaxValue), 1UL);
        _windowEnd = start.PlusNanos(length) is var end && end.Nanos <= _until.Nanos ? end : _until.PlusNanos(1);
        _open = true;
        _opened = new OpenWindow(_windows + 1, start, _windowEnd);
        _openedAt = Stopwatch.GetTimestamp();
        _node.Tell(_opened);
    }

    private OpenWindow? _opened;
    private long _openedAt;

    /// <summary>
    /// A window whose answer has not come within the stall timeout is opened again (R5 in docs/architecture.md). The
    /// node clock answers a window it is still running once, and one it already finished at once: it has no chain due in it.
    /// </summary>
    private void Reopen()
    {
        if (!_open || _opened is null || Stopwatch.GetElapsedTime(_openedAt) < _settings.EffectiveStallTimeout) return;
        _openedAt = Stopwatch.GetTimestamp();
        _node.Tell(_opened);
    }

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("watchdog", Watchdog.Instance,
            TimeSpan.FromTicks(System.Math.Max(TimeSpan.TicksPerMillisecond, _settings.EffectiveStallTimeout.Ticks / 4)));
        if (_restored) TryOpen();
    }

    /// <summary>One periodic check, as in the node clock.</summary>
    private sealed class Watchdog : INoSerializationVerificationNeeded
    {
        public static readonly Watchdog Instance = new();
    }

    private void OnWindowDone(WindowDone m)
    {
        if (!_open || m.Window != _windows + 1) return;
        _open = false;
        _windows++;
        _chainTicks += m.Chains;
        _next = m.Next;
        _now = new Timestamp(_windowEnd.Nanos - 1);
        foreach (var h in _holding) h.Tell(Status());
        _holding.Clear();
        TryOpen();
    }

    private sealed class Continue : INoSerializationVerificationNeeded
    {
        public static readonly Continue Instance = new();
    }
}
