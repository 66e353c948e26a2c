using Akka.Actor;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// A cluster run's time keeper handed over with its singleton to the next oldest member
/// (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md): its state is taken between windows only, and the
/// next one goes on from it, answering whoever waited for the last one (the driver's run of the clock, by its path).
/// </summary>
public sealed partial class TimeKeeper
{
    private void Take()
    {
        if (_open)
        {
            Sender.Tell(new ClockHandOver.Refused($"window {_windows + 1} is open: the clock was not held"));
            return;
        }
        var waiters = _waiters.Select(Akka.Serialization.Serialization.SerializedActorPath).ToList();
        _node.Forward(new ClockHandOver.Fill(new ClockSnapshot(_now, _until, _next, _lookahead, _windows, _chainTicks,
            _holds.Order(StringComparer.Ordinal).ToList(), _chaosRecords.Order(StringComparer.Ordinal).ToList(), _undelivered,
            waiters, [], null)));
    }

    private void Restore(ClockSnapshot from)
    {
        (_now, _until, _next, _lookahead, _windows, _chainTicks) =
            (from.Now, from.Until, from.Next, from.LookaheadNanos, from.Windows, from.ChainTicks);
        _undelivered = from.Undelivered;
        _holds.UnionWith(from.Holds);
        _chaosRecords.UnionWith(from.ChaosRecords);
        var provider = ((ExtendedActorSystem)Context.System).Provider;
        _waiters.AddRange(from.Waiters.Select(provider.ResolveActorRef));
        _restored = true;
    }

    /// <summary>Whether this keeper went on from a handed-over state: it opens the next window as soon as nothing holds it.</summary>
    private bool _restored;
}
