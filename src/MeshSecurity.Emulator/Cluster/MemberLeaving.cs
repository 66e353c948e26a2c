using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// From a member leaving the cluster gracefully to the member watch of run <paramref name="RunId"/> on the run's driver,
/// before the member's shard regions hand off: hold the run's clock between windows, and do not count the leave as a loss
/// (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md). Answer: <see cref="LeaveHeld"/> once held.
/// </summary>
public sealed record MemberLeaving(string RunId, string Member) : IMeshProtocolMember;
