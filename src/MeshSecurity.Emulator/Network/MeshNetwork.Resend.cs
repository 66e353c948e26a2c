using Akka.Actor;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Network;

public sealed partial class MeshNetwork
{
    private long _crashes;

    /// <summary>
    /// Asks an entity (<paramref name="to"/>: a chain or channel region, or the clock) and re-sends the same message every
    /// stall timeout until it is answered, as the node clock re-sends a window's messages (<see cref="ResendingAsk"/>).
    /// </summary>
    private Task<T> AskUntilAnswered<T>(IActorRef to, object message, string entity) =>
        ResendingAsk.Ask<T>(to, message, entity, Settings.EffectiveClock, _ending.Token);

    /// <summary>
    /// Cancelled when the network is disposed: the requests of an attempt abandoned after a member's loss stop being
    /// re-sent (its run of the clock had no bound, and went on re-sending to the stopped singleton for the rest of the run).
    /// </summary>
    private readonly CancellationTokenSource _ending = new();

    /// <summary>A request to the clock: it registers, holds and releases by id, and reads or sets the rest.</summary>
    private Task<ClockStatus> AskClock(ClockCommand command) => AskUntilAnswered<ClockStatus>(Clock, command, "the clock");

    /// <summary>
    /// The clock's status, asked again every second (at most every stall timeout) within the same bound as any request: a
    /// reading costs nothing, and one sent to a clock singleton as it is handed over to the next member is lost
    /// (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md), which a run's progress must not wait out.
    /// </summary>
    private Task<ClockStatus> ReadClock()
    {
        var clock = Settings.EffectiveClock;
        var every = clock.EffectiveStallTimeout < TimeSpan.FromSeconds(1) ? clock.EffectiveStallTimeout : TimeSpan.FromSeconds(1);
        var resends = (int)global::System.Math.Ceiling(clock.EffectiveStallTimeout * clock.EffectiveMaxResends / every);
        return ResendingAsk.Ask<ClockStatus>(Clock, new ClockCommand.GetStatus(), "the clock", every, resends, _ending.Token);
    }

    private long _records;

    /// <summary>A crash's id, unique in this network, so a re-sent copy of it does not crash the chain or relayer again.</summary>
    private string NextCrashId() => $"driver/{Interlocked.Increment(ref _crashes)}";

    /// <summary>A chaos record's id, unique in this network, so the time keeper records a re-sent copy of it once.</summary>
    private string NextRecordId() => $"driver/record/{Interlocked.Increment(ref _records)}";
}
