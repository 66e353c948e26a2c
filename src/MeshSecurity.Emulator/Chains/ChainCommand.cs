using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Chains;

/// <summary>Messages a chain entity handles (besides the clock's <see cref="Clock.ChainTick"/>).</summary>
public abstract record ChainCommand : IWithChainId
{
    private ChainCommand(string chainId) => ChainId = chainId;

    public string ChainId { get; }

    /// <summary>Creates the chain at genesis. Answer: <see cref="ChainReply.Ready"/> (also if it already exists).</summary>
    public sealed record Init(string Chain, ChainDefinition Definition) : ChainCommand(Chain);

    /// <summary>
    /// Queues a transaction for the first block at or after <paramref name="NotBefore"/>. The submitter picks the id and
    /// the key that orders its transactions in the mempool (by not-before, submitter, key: never by arrival); an id seen
    /// before is acknowledged as a duplicate and never executed twice. Answer: <see cref="ChainReply.Accepted"/>.
    /// </summary>
    public sealed record SubmitTx(string Chain, Tx Tx, Timestamp NotBefore, string Submitter, string Key) : ChainCommand(Chain);

    /// <summary>
    /// Several transactions of one submitter at once, each as in <see cref="SubmitTx"/>: journaled as one record and
    /// answered once (a relayer's submissions for one block). Answer: <see cref="ChainReply.AcceptedAll"/> with the same
    /// <paramref name="Seq"/>: the submitter's number for this submission, so a late copy of an earlier answer is told apart.
    /// </summary>
    public sealed record SubmitTxs(string Chain, string Submitter, IReadOnlyList<TxSubmission> Txs, long Seq = 0) : ChainCommand(Chain);

    /// <summary>
    /// Registers a relayer (channel entity) to be handed a digest of every block, cut for its channel end
    /// <paramref name="End"/> (null until the channel id is known: header and own outcomes only); registering again moves
    /// the cut. Answer: <see cref="ChainReply.Observed"/>.
    /// </summary>
    public sealed record Observe(string Chain, string ChannelId, IbcEndpoint? End = null, long Seq = 0) : ChainCommand(Chain);

    /// <summary>A copy of one channel end as a relayer clearing packets reads it. Answer: <see cref="ChainReply.End"/>.</summary>
    public sealed record GetEnd(string Chain, string Port, string Channel) : ChainCommand(Chain);

    /// <summary>A smart query on a contract's committed state. Answer: <see cref="ChainReply.QueryResult"/>.</summary>
    public sealed record QueryContract(string Chain, Addr Contract, object Msg) : ChainCommand(Chain);

    /// <summary>Answer: <see cref="ChainReply.State"/> with the committed chain state.</summary>
    public sealed record GetState(string Chain) : ChainCommand(Chain);

    /// <summary>
    /// Makes a validator sign two different headers at a height (default: the latest): double-sign evidence.
    /// Answer: <see cref="ChainReply.Evidence"/>.
    /// </summary>
    public sealed record DoubleSign(string Chain, Addr Validator, ulong? Height = null) : ChainCommand(Chain);

    /// <summary>
    /// Fault injection at consensus: from the next block the validators in <paramref name="Offline"/> do not sign (they
    /// miss blocks; a third of the power or more offline and no block commits), and those in <paramref name="Tombstone"/>
    /// are tombstoned; blocks come every <paramref name="BlockNanos"/> (0: the chain's block time). Replaces the last
    /// offline set and block time, and the clocks' skew; a clock jump is taken by the next block only.
    /// Answer: <see cref="ChainReply.ConsensusSet"/>.
    /// </summary>
    public sealed record SetConsensus(string Chain, IReadOnlyList<Addr> Offline, IReadOnlyList<Addr> Tombstone, ulong BlockNanos = 0)
        : ChainCommand(Chain)
    {
        /// <summary>How far ahead (positive) or behind the instant the validators' clocks are (0: on time).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
        public long ClockOffsetNanos { get; init; }

        /// <summary>A one-off jump forward of the clocks at the next block (0: none).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
        public ulong ClockJumpNanos { get; init; }
    }

    /// <summary>Fault injection: makes one of the chain's contract actors crash. No answer.</summary>
    public sealed record CrashContractActor(string Chain, Addr Contract, string Reason) : ChainCommand(Chain);

    /// <summary>
    /// Fault injection: the chain actor throws, as a bug would, and is restarted; it rebuilds itself from its journal and
    /// goes on, with nothing lost or applied twice. Answer: <see cref="ChainReply.Ready"/> once it is back (at the height its
    /// journal rebuilt; the empty blocks after it are made again at the next tick). It applies once by its
    /// <paramref name="Id"/> (unique per crash: <c>driver/&lt;n&gt;</c>, a member's chaos
    /// <c>&lt;member address&gt;#&lt;uid&gt;/chaos/&lt;n&gt;</c>): a second copy with the id of one of the chain's last crashes
    /// (a re-sent ask, docs/decisions/0013), which the chain journals, is answered without crashing again, after a hand-off too.
    /// </summary>
    public sealed record Crash(string Chain, string Id, string Reason) : ChainCommand(Chain);
}
