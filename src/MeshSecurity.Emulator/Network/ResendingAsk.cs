using System.Globalization;
using Akka.Actor;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// The one way a request between entities is re-sent until answered (docs/decisions/0013): the driver's requests to
/// chains, channels and the clock, and a relayer's reads of its chains. A region may lose a message, and every request
/// sent this way is a read or applies once by its id, so a second copy gets the first one's answer.
/// </summary>
public static class ResendingAsk
{
    /// <summary>No bound on the re-sends: for a request whose answer takes as long as the work it asks for (a run of the clock).</summary>
    public const int Unbounded = int.MaxValue;

    /// <summary>Re-sent every stall timeout, up to <see cref="ClockSettings.EffectiveMaxResends"/> times.</summary>
    public static Task<T> Ask<T>(ICanTell to, object message, string entity, ClockSettings clock, CancellationToken cancel = default) =>
        Ask<T>(to, message, entity, clock.EffectiveStallTimeout, clock.EffectiveMaxResends, cancel);

    /// <summary>
    /// Asks <paramref name="to"/> and re-sends the same message every <paramref name="every"/> until it is answered. After
    /// <paramref name="maxResends"/> unanswered re-sends it throws an <see cref="UndeliveredException"/> naming the message
    /// and <paramref name="entity"/>. The interval is wall time, so a re-send never moves emulated time. Once
    /// <paramref name="cancel"/> is cancelled (the network asking has ended: an attempt abandoned after a member's loss),
    /// nothing more is sent and the wait ends with an <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<T> Ask<T>(ICanTell to, object message, string entity, TimeSpan every, int maxResends,
        CancellationToken cancel = default)
    {
        // one answer address for every copy: the answer to any of them ends the wait (a new ask per copy would only hear
        // its own, and an entity slower than the interval would never be heard)
        IActorRef replyTo = ActorRefs.Nobody;
        var timeout = maxResends == Unbounded ? Timeout.InfiniteTimeSpan : every * (maxResends + 2.0);
        var answer = to.Ask<T>(r =>
        {
            replyTo = r;
            return message;
        }, timeout, cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        try
        {
            for (var resends = 0; ; resends++)
            {
                if (await Task.WhenAny(answer, Task.Delay(every, stop.Token)) == answer) return await answer;
                cancel.ThrowIfCancellationRequested();
                if (resends == maxResends)
                    throw new UndeliveredException(string.Create(CultureInfo.InvariantCulture,
                        $"no answer to {message.GetType().Name} from {entity} after {resends} re-sends, " +
                        $"{every.TotalSeconds:0.###} s apart"));
                // not answered within the interval: the same message again, answered to the same address
                to.Tell(message, replyTo);
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
    }
}
