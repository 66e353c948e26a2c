using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>A chain journaled what it took in during a window's relay phase.</summary>
public sealed record WindowSealed(long Window, string ChainId) : IMeshProtocolMember;
