using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// A network checkpoint's part of one chain (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md): on a cluster the
/// driver takes it from the chain's member and gives it to the chain of a later attempt of the run, so it is on the wire
/// (docs/decisions/0012-a-lost-member-resumes-from-the-checkpoint.md).
/// </summary>
public abstract record ChainCheckpoint : Protocol.IWithChainId
{
    private ChainCheckpoint(string chainId) => ChainId = chainId;

    public string ChainId { get; }

    /// <summary>
    /// Contract: sent while the clock stands (between windows). The chain snapshots itself between blocks and answers,
    /// once its pending journal writes are done, with <see cref="Captured"/>.
    /// </summary>
    public sealed record Capture(string Chain) : ChainCheckpoint(Chain);

    /// <summary>
    /// The first message of a chain of a resumed network: it takes <paramref name="Snapshot"/>, drops the journal records
    /// up to <paramref name="SequenceNr"/> (the snapshot covers them) and checks the rest as the run re-produces them. A
    /// <paramref name="Fresh"/> chain (a cluster run's next attempt, whose journal is new) journals its start and saves the
    /// snapshot as its own first, so it recovers alone from it. Answer: <see cref="ChainReply.Ready"/>.
    /// </summary>
    public sealed record Restore(string Chain, long SequenceNr, ChainSnapshot Snapshot, bool Fresh = false) : ChainCheckpoint(Chain);

    /// <summary>The chain's snapshot at the cut and the last journal record it covers.</summary>
    public sealed record Captured(string Chain, long SequenceNr, ChainSnapshot Snapshot) : ChainCheckpoint(Chain);
}
