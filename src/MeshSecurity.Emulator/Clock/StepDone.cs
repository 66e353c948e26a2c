using System.Collections.Immutable;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Clock;

/// <summary>
/// An entity finished its part of a clock step, and everything it caused was acknowledged; it asks for its next timers.
/// </summary>
public sealed record StepDone(ulong Step, string TargetId, ImmutableArray<TimerRequest> Timers) : IMeshProtocolMember;
