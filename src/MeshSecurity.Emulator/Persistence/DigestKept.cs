using MeshSecurity.Core.Relaying;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A block digest a channel keeps for its next relay window, journaled on a cluster before the channel acknowledges it to
/// its chain (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md): the chain sends an acknowledged digest to no
/// later incarnation of the channel, so the channel must hold it in its journal.
/// </summary>
public sealed record DigestKept(BlockDigest Digest) : IJournalRecord;
