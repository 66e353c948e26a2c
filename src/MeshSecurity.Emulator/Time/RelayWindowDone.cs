using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>A channel relayed a window's blocks and the chains accepted everything it submitted.</summary>
public sealed record RelayWindowDone(long Window, string ChannelId) : IMeshProtocolMember;
