using System.Collections.Immutable;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// A channel relayed a window's blocks and the chains accepted everything it submitted; <paramref name="Chains"/> are
/// the chains it submitted to, which seal the window next.
/// </summary>
public sealed record RelayWindowDone(long Window, string ChannelId, ImmutableArray<string> Chains = default) : IMeshProtocolMember;
