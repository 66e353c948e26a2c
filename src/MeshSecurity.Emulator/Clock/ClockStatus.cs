using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Clock;

/// <summary>Where the emulated clock is: its time, steps run, timers waiting, and whether a run is in progress.</summary>
public sealed record ClockStatus(Timestamp Now, ulong Steps, int PendingTimers, bool Running) : IMeshProtocolMember;
