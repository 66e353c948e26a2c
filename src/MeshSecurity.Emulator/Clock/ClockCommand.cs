using System.Collections.Immutable;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Clock;

/// <summary>Commands of the emulated clock.</summary>
public abstract record ClockCommand : IMeshProtocolMember
{
    private ClockCommand() { }

    /// <summary>Adds timers (a new chain's first block, a channel's first relay). Answer: <see cref="ClockStatus"/>.</summary>
    public sealed record Schedule(ImmutableArray<TimerRequest> Timers) : ClockCommand;

    /// <summary>Runs every step up to and including <paramref name="Until"/>, then pauses. Answer: <see cref="ClockStatus"/> when reached.</summary>
    public sealed record RunUntil(Timestamp Until) : ClockCommand;

    /// <summary>Answer: <see cref="ClockStatus"/> now.</summary>
    public sealed record GetStatus : ClockCommand;
}
