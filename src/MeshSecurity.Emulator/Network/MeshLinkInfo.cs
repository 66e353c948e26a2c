using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Channels;

namespace MeshSecurity.Emulator.Network;

/// <summary>A provider → consumer link as deployed on the network: contracts, channel entities and their ends.</summary>
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
