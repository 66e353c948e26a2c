using System.Collections.Immutable;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Testing;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>What the invariant catalogue reads of this network (<see cref="MeshInvariants"/>), from committed state.</summary>
public sealed partial class MeshNetwork
{
    /// <summary>
    /// Every chain's modules, the users' lockup accounts (those with one), each link's provider accounts and meta-staking
    /// record, and, with <paramref name="withStakes"/>, the three records of the stake on every consumer validator.
    /// </summary>
    public MeshSnapshot Snapshot(bool withStakes = false)
    {
        var lockups = ImmutableArray.CreateBuilder<LockupAccountView>();
        foreach (var user in Users)
        {
            try
            {
                lockups.Add(new LockupAccountView(Osmosis.ChainId, user, LockupBalance(user)));
            }
            catch (MeshException ex) when (ex.Error is LockupError.UnknownAccount)
            {
                // a user who never bonded has no lockup account, and nothing to cover
            }
        }
        var links = Links.Select(link => new LinkView(Osmosis.ChainId, link.Consumer.ChainId, link.ProviderContract, EndsOf(link.MeshPath),
            [.. Users.Select(u => new ProviderAccountView(u, ProviderAccount(link, u)))],
            link.Consumer.Query<MetaStakingMsg.ConsumerResponse>(link.MetaStaking,
                new MetaStakingMsg.Query.ConsumerInfo(link.ConsumerContract.Value)),
            withStakes ? [.. ValidatorsOf(link.Consumer).Select(v => StakeOn(link, v))] : []));
        return new MeshSnapshot([.. Chains.Select(c => c.State)], lockups.ToImmutable(), [.. links]);
    }

    private ValidatorStakeView StakeOn(MeshLink link, Types.Addr validator) =>
        new(validator.Value, ProviderStake(link, validator), RemoteStake(link, validator), MetaDelegation(link, validator));

    private static ChannelEnds EndsOf(Testing.Path p) =>
        new(p.A.Chain.ChainId, p.A.ClientId, p.A.ConnectionId, p.A.PortId, p.A.ChannelId,
            p.B.Chain.ChainId, p.B.ClientId, p.B.ConnectionId, p.B.PortId, p.B.ChannelId);
}
