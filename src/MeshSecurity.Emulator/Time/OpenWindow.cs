using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// The time keeper opens window [<paramref name="Start"/>, <paramref name="End"/>) on a node clock. Answer: <see cref="WindowDone"/>.
/// </summary>
public sealed record OpenWindow(long Window, Timestamp Start, Timestamp End) : IMeshProtocolMember;
