using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A block with transactions, as the chain's journal keeps it: height, time, app hash and its transactions with their
/// results. Empty blocks are not written: they follow from the chain's rules, its seed and the blocks around them.
/// </summary>
public sealed record BlockRecorded(ulong Height, Timestamp Time, string AppHash, IReadOnlyList<TxRecord> Txs) : IJournalRecord
{
    public static BlockRecorded Of(BlockResult block, IReadOnlyList<Core.Execution.Tx> txs) =>
        new(block.Height, block.Time, block.AppHash,
            txs.Zip(block.TxResults, (tx, r) => new TxRecord(tx.Id, tx.Signer.Value, new MessageJsonList(tx.Msgs), r.Error?.ToString())).ToList());
}
