using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// A relayer holds a chain's block digest: the chain may report its window done once every observer said so. When the
/// digest <paramref name="Matters"/>, the relayer must relay in this window; otherwise it reads the digest later.
/// </summary>
public sealed record DigestAck(string ChannelId, string ChainId, ulong Height, bool Matters) : IMeshProtocolMember;
