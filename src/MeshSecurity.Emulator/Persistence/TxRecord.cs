namespace MeshSecurity.Emulator.Persistence;

/// <summary>A transaction as the block log keeps it: id, signer, each message as JSON, and its error if it failed.</summary>
public sealed record TxRecord(string Id, string Signer, IReadOnlyList<string> Msgs, string? Error);
