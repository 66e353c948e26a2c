using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Chains;

/// <summary>A relayer holds a chain's block digest: the chain may report its window done once every observer said so.</summary>
public sealed record DigestAck(string ChannelId, string ChainId, ulong Height) : IMeshProtocolMember;
