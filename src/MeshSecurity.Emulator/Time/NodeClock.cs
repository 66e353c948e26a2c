using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// The clock of one node: it knows when each of the node's chains makes its next block, and runs the windows the time
/// keeper opens in phases. First every chain with a block due in the window produces its blocks and hands their
/// digests to its observers (which only keep them); then every channel that received digests relays them, in (time,
/// chain, height) order, and answers once the chains accepted its submissions; then every chain submitted to journals
/// what it took in (it seals the window). The phases are barriers, so what a relayer submits, and what a chain
/// journals, never depends on the order in which messages arrived. Nothing is dropped: an entity that does not
/// answer is named in the log and to the time keeper, and is sent its message again until it answers.
/// </summary>
public sealed partial class NodeClock : ReceiveActor, IWithTimers
{
    private readonly IActorRef _chains;
    private readonly IActorRef _channels;
    private readonly ClockSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SortedSet<(Timestamp At, string Chain)> _schedule = new(ScheduleOrder.Instance);
    private readonly Dictionary<string, Timestamp> _next = new(StringComparer.Ordinal);
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _relaying = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _sealing = new(StringComparer.Ordinal);
    private IActorRef _keeper = ActorRefs.Nobody;
    private OpenWindow? _open;
    private Phase _phase;
    private int _ticked, _resends;
    private long _phaseStarted;
    private DateTimeOffset? _stalledSince;

    /// <param name="from">A cluster clock handed over from the member that left, to go on from (null: a new clock).</param>
    public NodeClock(IActorRef chains, IActorRef channels, ClockSettings settings, ClockSnapshot? from = null)
    {
        _chains = chains;
        _channels = channels;
        _settings = settings;
        if (from is not null) Restore(from);
        Receive<ClockHandOver.Fill>(Fill);
        // the time keeper forwards registrations and keeps the earliest block itself
        Receive<ClockCommand.Register>(m => Schedule(m.ChainId, m.FirstBlock));
        Receive<OpenWindow>(Open);
        Receive<ChainWindowDone>(OnChainDone);
        Receive<RelayWindowDone>(OnRelayDone);
        Receive<WindowSealed>(OnSealed);
        Receive<Watchdog>(_ => CheckStall());
        Receive<ClockCommand.Resend>(Resend);
        Receive<ClockCommand.SubscribeEvents>(_ =>
        {
            _events = Sender;
            foreach (var e in _held) _events.Tell(e);
            _held.Clear();
            Sender.Tell(new EventsSubscribed());
        });
        // the chains' events, passed on in the order they came, before the window's answer they preceded
        Receive<BlockEvents>(Pass);
        Receive<EmulatorEvent>(Pass);
        Receive<ChainRecovered>(Pass);
        Receive<JournalFailed>(Pass);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef chains, IActorRef channels, ClockSettings settings, ClockSnapshot? from = null) =>
        Akka.Actor.Props.Create(() => new NodeClock(chains, channels, settings, from));

    /// <summary>The earliest next block of this node's chains, or null when none is scheduled.</summary>
    private WindowDone Next(long window) => new(window, _schedule.Count == 0 ? null : _schedule.Min.At, _ticked);

    private void Schedule(string chain, Timestamp at)
    {
        if (_next.Remove(chain, out var old)) _schedule.Remove((old, chain));
        _next[chain] = at;
        _schedule.Add((at, chain));
    }

    private void Open(OpenWindow m)
    {
        if (_open is { } current)
        {
            // the keeper re-opened the window it waits for (it lost the answer): answer when done, once
            if (current.Window != m.Window) _log.Warning("window {0} opened while window {1} runs", m.Window, current.Window);
            _keeper = Sender;
            return;
        }
        _open = m;
        _keeper = Sender;
        _ticked = 0;
        _relaying.Clear();
        _sealing.Clear();
        _phase = Phase.Chains;
        StartPhase();
        while (_schedule.Count > 0 && _schedule.Min.At < m.End)
        {
            var (at, chain) = _schedule.Min;
            _schedule.Remove((at, chain));
            _next.Remove(chain);
            _waiting.Add(chain);
            _ticked++;
            _chains.Tell(new WindowTick(chain, m.Window, m.End));
        }
        if (_waiting.Count == 0) RelayPhase();
    }

    private void OnChainDone(ChainWindowDone m)
    {
        // a duplicate answer to a re-sent tick
        if (_open?.Window != m.Window || _phase != Phase.Chains || !_waiting.Remove(m.ChainId)) return;
        if (m.Next is { } next) Schedule(m.ChainId, next);
        foreach (var o in m.Observers) _relaying.Add(o);
        if (_waiting.Count == 0) RelayPhase();
    }

    private void RelayPhase()
    {
        _phase = Phase.Relay;
        StartPhase();
        foreach (var channel in _relaying)
        {
            _waiting.Add(channel);
            _channels.Tell(new RelayWindow(channel, _open!.Window));
        }
        if (_waiting.Count == 0) SealPhase();
    }

    private void OnRelayDone(RelayWindowDone m)
    {
        if (_open?.Window != m.Window || _phase != Phase.Relay || !_waiting.Remove(m.ChannelId)) return;
        if (!m.Chains.IsDefault) _sealing.UnionWith(m.Chains);
        if (_waiting.Count == 0) SealPhase();
    }

    private void SealPhase()
    {
        _phase = Phase.Seal;
        StartPhase();
        foreach (var chain in _sealing)
        {
            _waiting.Add(chain);
            _chains.Tell(new SealWindow(chain, _open!.Window));
        }
        if (_waiting.Count == 0) Finish();
    }

    private void OnSealed(WindowSealed m)
    {
        if (_open?.Window != m.Window || _phase != Phase.Seal || !_waiting.Remove(m.ChainId)) return;
        if (_waiting.Count == 0) Finish();
    }

    private void Finish()
    {
        var window = _open!.Window;
        _open = null;
        if (_stalledSince is not null) _keeper.Tell(new Stalled(window, [], _stalledSince.Value));
        _stalledSince = null;
        PassWindowEvents();
        _keeper.Tell(Next(window));
    }

    private void StartPhase()
    {
        _phaseStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        _resends = 0;
    }

    /// <summary>Names whoever the window has waited for too long and sends them their message again (handlers are idempotent).</summary>
    private void CheckStall()
    {
        if (_open is not { } w || _waiting.Count == 0) return;
        var waited = System.Diagnostics.Stopwatch.GetElapsedTime(_phaseStarted);
        if (waited < _settings.EffectiveStallTimeout || _resends > _settings.EffectiveMaxResends) return;
        _stalledSince ??= DateTimeOffset.UtcNow - waited;
        var names = _waiting.Order(StringComparer.Ordinal).ToImmutableArray();
        if (_resends == _settings.EffectiveMaxResends)
        {
            GiveUp(w, names);
            return;
        }
        _log.Warning("window {0} [{1}, {2}): no answer from {3} for {4:0} s; sending again", w.Window, w.Start, w.End,
            string.Join(", ", names.Take(10)) + (names.Length > 10 ? $" and {names.Length - 10} more" : ""), waited.TotalSeconds);
        _keeper.Tell(new Stalled(w.Window, names, _stalledSince.Value));
        SendAgain(w, names);
        _resends++;
    }

    /// <summary>
    /// The driver saw a member downed: whoever has not answered the phase (its entities among them) is sent its message
    /// again now, not after the stall timeout; the timeout starts over, and the re-sends it bounds are not spent.
    /// </summary>
    private void Resend(ClockCommand.Resend m)
    {
        if (_open is not { } w || _waiting.Count == 0) return;
        var names = _waiting.Order(StringComparer.Ordinal).ToImmutableArray();
        _log.Info("window {0}: {1}; sending {2} again to {3}", w.Window, m.Reason, _phase, string.Join(", ", names.Take(10)) +
            (names.Length > 10 ? $" and {names.Length - 10} more" : ""));
        SendAgain(w, names);
    }

    private void SendAgain(OpenWindow w, ImmutableArray<string> names)
    {
        foreach (var name in names)
        {
            switch (_phase)
            {
                case Phase.Chains:
                    _chains.Tell(new WindowTick(name, w.Window, w.End));
                    break;
                case Phase.Relay:
                    _channels.Tell(new RelayWindow(name, w.Window));
                    break;
                default:
                    _chains.Tell(new SealWindow(name, w.Window));
                    break;
            }
        }
        _phaseStarted = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>The bound: the window can never end, so the run fails naming what went unanswered (docs/decisions/0013).</summary>
    private void GiveUp(OpenWindow w, ImmutableArray<string> names)
    {
        _resends++;
        var message = _phase switch { Phase.Chains => nameof(WindowTick), Phase.Relay => nameof(RelayWindow), _ => nameof(SealWindow) };
        var gaveUp = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"window {w.Window}: no answer to {message} from {string.Join(", ", names.Take(10))} after {_resends - 1} re-sends, " +
            $"{_settings.EffectiveStallTimeout.TotalSeconds:0.###} s apart");
        _log.Error(gaveUp);
        PassWindowEvents();
        _keeper.Tell(new Stalled(w.Window, names, _stalledSince!.Value) { GaveUp = gaveUp });
    }

    protected override void PreStart() =>
        Timers.StartPeriodicTimer("watchdog", Watchdog.Instance,
            TimeSpan.FromTicks(System.Math.Max(TimeSpan.TicksPerMillisecond, _settings.EffectiveStallTimeout.Ticks / 4)));

    /// <summary>One periodic check rather than a timer per window, which would cost more than a window on an idle network.</summary>
    private sealed class Watchdog : INoSerializationVerificationNeeded
    {
        public static readonly Watchdog Instance = new();
    }

    private enum Phase
    {
        Chains,
        Relay,
        Seal,
    }

    private sealed class ScheduleOrder : IComparer<(Timestamp At, string Chain)>
    {
        public static readonly ScheduleOrder Instance = new();

        public int Compare((Timestamp At, string Chain) x, (Timestamp At, string Chain) y)
        {
            var c = x.At.CompareTo(y.At);
            return c != 0 ? c : string.CompareOrdinal(x.Chain, y.Chain);
        }
    }
}
