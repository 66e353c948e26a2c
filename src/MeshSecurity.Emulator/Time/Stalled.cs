using System.Collections.Immutable;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// A node clock has waited too long for entities of the current window (empty: it no longer waits); it re-sent their
/// message. The run shows who and since when.
/// </summary>
public sealed record Stalled(long Window, ImmutableArray<string> Waiting, DateTimeOffset Since) : IMeshProtocolMember;
