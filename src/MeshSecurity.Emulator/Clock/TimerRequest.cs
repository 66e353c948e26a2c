using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Clock;

/// <summary>"Wake <paramref name="TargetId"/> at <paramref name="At"/>": the only way anything happens in emulated time.</summary>
public sealed record TimerRequest(Timestamp At, TimerTarget Target, string TargetId) : IMeshProtocolMember;
