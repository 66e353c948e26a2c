using System.Collections.Immutable;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Invariants;

/// <summary>
/// A provider → consumer link's contract states as their queries answer them: the provider's accounts of the owners the
/// driver knows, meta-staking's record of the consumer (null once governance removed it), and the stake on every
/// consumer validator either side knows of; <paramref name="MeshEnds"/> names the link's mesh channel on both chains
/// (chain A the provider).
/// </summary>
public sealed record LinkView(
    string ProviderChain,
    string ConsumerChain,
    Addr Provider,
    ChannelEnds MeshEnds,
    ImmutableArray<ProviderAccountView> Accounts,
    MetaStakingMsg.ConsumerResponse? MetaStaking,
    ImmutableArray<ValidatorStakeView> Stakes)
{
    public string Name => $"{ProviderChain}->{ConsumerChain}";
}
