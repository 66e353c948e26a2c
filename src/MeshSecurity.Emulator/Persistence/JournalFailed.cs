using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// Published on the local event stream when a chain cannot read its journal back (a damaged or foreign record) or
/// cannot write to it: the chain has stopped, and a run cannot go on. <paramref name="SequenceNr"/> is the record's
/// number in the chain's journal, <paramref name="AfterHeight"/> the last block read or written before it.
/// </summary>
/// <paramref name="Replaying"/>: the record was read, but replaying it failed (the chain's rules refused it).
public sealed record JournalFailed(string Chain, long SequenceNr, ulong AfterHeight, bool Writing, string Reason, bool Replaying = false)
    : IMeshProtocolMember;
