using System.Collections.Immutable;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// Where time keeping is: the emulated time reached, windows run and chain blocks ticked in them, whether a run is in
/// progress, how far behind the requested speed it is (wall seconds; zero when on time or at max speed), and whom the
/// current window has been waiting for too long, since when.
/// </summary>
public sealed record ClockStatus(
    Timestamp Now, long Windows, long ChainTicks, bool Running, double BehindSeconds,
    ImmutableArray<string> Waiting, DateTimeOffset? WaitingSince) : IMeshProtocolMember
{
    /// <summary>
    /// The lookahead in nanoseconds: the smallest latency floor of the links' relayers, which windows last (0 before a
    /// link is set up). A latency drawn below it could land within the window that sent it, so none may go below it.
    /// </summary>
    public ulong LookaheadNanos { get; init; }

    /// <summary>
    /// Set when a window's message went unanswered through every re-send: the message and the entity. The run cannot go
    /// on (the window never ends), so it fails with this (<see cref="UndeliveredException"/>).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Undelivered { get; init; }
}
