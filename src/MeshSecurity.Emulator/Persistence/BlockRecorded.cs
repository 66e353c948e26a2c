using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A block with transactions, as the chain's journal keeps it: height, time, app hash and its transactions, each by its
/// mempool key, with its error if it failed. Empty blocks are not written: they follow from the chain's rules, its seed
/// and the blocks around them. A chain that restarts re-executes these blocks and checks each app hash.
/// </summary>
public sealed record BlockRecorded(ulong Height, Timestamp Time, string AppHash, IReadOnlyList<TxRecord> Txs) : IJournalRecord
{
    public static BlockRecorded Of(BlockResult block, IReadOnlyList<MempoolEntry> txs) =>
        new(block.Height, block.Time, block.AppHash,
            [.. txs.Zip(block.TxResults, (tx, r) => new TxRecord(tx.Tx.Id, tx.NotBefore, tx.Submitter, tx.Key, r.Error?.ToString()))]);
}
