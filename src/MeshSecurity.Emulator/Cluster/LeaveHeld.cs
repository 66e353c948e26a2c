using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// The driver's answer to <see cref="MemberLeaving"/>: run <paramref name="RunId"/>'s clock stands between windows until
/// <paramref name="Member"/> is exiting, and its leave is carried on in place.
/// </summary>
public sealed record LeaveHeld(string RunId, string Member) : IMeshProtocolMember;
