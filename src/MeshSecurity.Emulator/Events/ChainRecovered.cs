using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Events;

/// <summary>
/// A chain actor that stopped in a running network rebuilt itself from its snapshot at <paramref name="FromHeight"/>
/// (0: none) and the journal after it, up to <paramref name="ToHeight"/>. Counted by the network's log, never written
/// to events.jsonl: the history is the same as without the restart.
/// </summary>
public sealed record ChainRecovered(string ChainId, ulong FromHeight, ulong ToHeight) : IMeshProtocolMember;
