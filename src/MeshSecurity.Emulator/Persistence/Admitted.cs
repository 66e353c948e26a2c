namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// What a chain took in from relayers, written before the next block so that a chain that restarts still holds them: on
/// one node everything between two blocks, transactions (by mempool key) and observers (by channel) in that fixed order;
/// on a cluster one relayer's submission, written as it arrives and before it is answered (ChainActor.Admission).
/// </summary>
public sealed record Admitted(IReadOnlyList<TxAccepted> Txs, IReadOnlyList<ObserverAdded> Observers) : IJournalRecord;
