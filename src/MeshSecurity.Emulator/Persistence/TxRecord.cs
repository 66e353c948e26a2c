using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A transaction of a recorded block: its id, the mempool key it was accepted under (the message itself is in the
/// chain's <see cref="TxAccepted"/> record, written once) and its error if it failed.
/// </summary>
public sealed record TxRecord(string Id, Timestamp NotBefore, string Submitter, string Key, string? Error);
