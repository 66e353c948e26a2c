namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// What a chain took in between two blocks from relayers: transactions (by mempool key) and observers (by channel), in
/// that fixed order, written before the next block so that a chain that restarts still holds them.
/// </summary>
public sealed record Admitted(IReadOnlyList<TxAccepted> Txs, IReadOnlyList<ObserverAdded> Observers) : IJournalRecord;
