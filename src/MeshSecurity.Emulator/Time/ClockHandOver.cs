using Akka.Actor;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// Within a cluster run's clock singleton (ClockHost) being handed over to the next oldest member: its state taken from the
/// time keeper and the node clock, between windows (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md).
/// Local messages: they never leave the singleton's actor system.
/// </summary>
public abstract record ClockHandOver : INoSerializationVerificationNeeded
{
    private ClockHandOver() { }

    /// <summary>To the time keeper: its part of the state, then the node clock's (answered with <see cref="Taken"/>).</summary>
    public sealed record Take : ClockHandOver;

    /// <summary>The time keeper's part, to the node clock, which adds its own and answers the original sender.</summary>
    public sealed record Fill(ClockSnapshot Keeper) : ClockHandOver;

    /// <summary>The whole state, taken between windows.</summary>
    public sealed record Taken(ClockSnapshot Snapshot) : ClockHandOver;

    /// <summary>No state can be taken: a window is open (the clock was not held), so there is no cut between windows.</summary>
    public sealed record Refused(string Why) : ClockHandOver;
}
