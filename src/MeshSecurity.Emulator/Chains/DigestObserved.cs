using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// A chain hands an observing relayer (channel entity) the digest of a committed block: the header, that channel's packet
/// events, the relayer's own transactions' outcomes. The relayer keeps it for the window's relay phase and answers
/// <see cref="DigestAck"/> at once.
/// </summary>
public sealed record DigestObserved(string ChannelId, BlockDigest Digest) : IWithChannelId;
