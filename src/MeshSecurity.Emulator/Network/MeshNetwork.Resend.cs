using Akka.Actor;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Network;

public sealed partial class MeshNetwork
{
    private long _crashes;

    /// <summary>
    /// Asks an entity (<paramref name="to"/>: a chain or channel region) and re-sends the same message every stall timeout
    /// until it is answered, as the node clock re-sends a window's messages (docs/decisions/0013): a region may lose a
    /// message, and each request the driver sends is a read or applies once by its id. Bounded the same way: after
    /// <see cref="ClockSettings.MaxResends"/> unanswered re-sends it throws an <see cref="UndeliveredException"/> naming the
    /// message and the entity. The interval is wall time, so a re-send never moves emulated time.
    /// </summary>
    private async Task<T> AskUntilAnswered<T>(IActorRef to, object message, string entity)
    {
        var clock = Settings.EffectiveClock;
        var every = clock.EffectiveStallTimeout;
        var max = clock.EffectiveMaxResends;
        // one answer address for every copy: the answer to any of them ends the wait (a new ask per copy would only hear
        // its own, and an entity slower than the interval would never be heard)
        IActorRef replyTo = ActorRefs.Nobody;
        var answer = to.Ask<T>(r =>
        {
            replyTo = r;
            return message;
        }, every * (max + 2), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        try
        {
            for (var resends = 0; ; resends++)
            {
                if (await Task.WhenAny(answer, Task.Delay(every, stop.Token)) == answer) return await answer;
                if (resends == max)
                    throw new UndeliveredException(string.Create(global::System.Globalization.CultureInfo.InvariantCulture,
                        $"no answer to {message.GetType().Name} from {entity} after {resends} re-sends, " +
                        $"{every.TotalSeconds:0.###} s apart"));
                // not answered within a stall timeout: the same message again, answered to the same address
                to.Tell(message, replyTo);
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>A crash's id, unique in this network, so a re-sent copy of it does not crash the relayer again.</summary>
    private string NextCrashId() => $"driver/{Interlocked.Increment(ref _crashes)}";
}
