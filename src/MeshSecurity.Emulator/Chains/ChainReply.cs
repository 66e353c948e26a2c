using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Chains;

/// <summary>Answers of a chain entity.</summary>
public abstract record ChainReply : IMeshProtocolMember
{
    private ChainReply() { }

    public sealed record Ready(string ChainId, ulong Height, Timestamp Time, Timestamp NextBlockAt) : ChainReply;

    public sealed record Accepted(string ChainId, string TxId, bool Duplicate) : ChainReply;

    /// <summary>
    /// Every transaction of a <see cref="ChainCommand.SubmitTxs"/> is in the mempool (or was seen before); its
    /// <paramref name="Seq"/> is the submission's.
    /// </summary>
    public sealed record AcceptedAll(string ChainId, int Count, long Seq = 0) : ChainReply;

    /// <summary>
    /// A <see cref="ChainCommand.Observe"/> registered, with the chain's header; its <paramref name="Seq"/> is the request's.
    /// </summary>
    public sealed record Observed(string ChainId, string ChannelId, RelayEnd End, long Seq = 0) : ChainReply;

    public sealed record EndState(string ChainId, EndSnapshot Snapshot) : ChainReply;

    public sealed record QueryResult(string ChainId, object? Result, string? Error) : ChainReply;

    public sealed record State(string ChainId, ChainState Value, string AppHash) : ChainReply;

    public sealed record Evidence(string ChainId, SignedHeader HeaderA, SignedHeader HeaderB) : ChainReply;

    /// <summary>A <see cref="ChainCommand.SetConsensus"/> holds from the block after <paramref name="Height"/>.</summary>
    public sealed record ConsensusSet(string ChainId, ulong Height) : ChainReply;

    /// <summary>The chain was asked for something before it was initialised.</summary>
    public sealed record NotInitialised(string ChainId) : ChainReply;
}
