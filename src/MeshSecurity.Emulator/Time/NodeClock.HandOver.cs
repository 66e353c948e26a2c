using Akka.Actor;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// A cluster run's node clock handed over with its singleton to the next oldest member
/// (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md): between windows its state is the schedule (each
/// chain's next block) and the recorder it passes events to, so the next one ticks the same chains and passes the events
/// of its first window to the recorder at once (it would otherwise hold them until the recorder subscribed again).
/// </summary>
public sealed partial class NodeClock
{
    private void Fill(ClockHandOver.Fill m)
    {
        if (_open is { } open)
        {
            Sender.Tell(new ClockHandOver.Refused($"window {open.Window} is open: the clock was not held"));
            return;
        }
        // a cluster's recorder subscribes before the run's first chain: held events mean it never did
        if (_held.Count > 0)
        {
            Sender.Tell(new ClockHandOver.Refused($"{_held.Count} events are held for a recorder that has not subscribed"));
            return;
        }
        var schedule = _schedule.Select(s => new ClockSnapshot.Scheduled(s.Chain, s.At)).ToList();
        var recorder = _events is null ? null : Akka.Serialization.Serialization.SerializedActorPath(_events);
        Sender.Tell(new ClockHandOver.Taken(m.Keeper with { Schedule = schedule, Recorder = recorder }));
    }

    private void Restore(ClockSnapshot from)
    {
        foreach (var s in from.Schedule) Schedule(s.Chain, s.At);
        if (from.Recorder is { } recorder) _events = ((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(recorder);
    }
}
