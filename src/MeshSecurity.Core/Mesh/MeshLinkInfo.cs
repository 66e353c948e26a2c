using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Mesh;

/// <summary>
/// A provider → consumer link as installed by <see cref="LinkPlan"/>: the contracts on both chains, the names of its
/// two channels (the relayer paths) and their ends, and the provider-side denom of the consumer's rewards.
/// </summary>
public sealed record MeshLinkInfo(
    string ProviderChain,
    string ConsumerChain,
    Addr Lockup,
    Addr Provider,
    Addr Slasher,
    Addr Consumer,
    Addr MetaStaking,
    string MeshChannelId,
    ChannelEnds MeshEnds,
    string TransferChannelId,
    ChannelEnds TransferEnds,
    string RewardsDenom);
