using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

/// <summary>mesh-consumer and meta-staking together: the packet's meta-staking call is part of the receive.</summary>
public sealed class ConsumerWithMetaStakingTests
{
    [Fact]
    public void B9_stake_15_plus_15_then_unstake_30_at_rate_0_1_undelegates_exactly_what_was_delegated()
    {
        var rig = new ConsumerMetaStakingRig("0.1", 1_000_000);
        Assert.Null(rig.Receive(new ProviderPacket.Stake(Validator, 15, Staker)));
        Assert.Null(rig.Receive(new ProviderPacket.Stake(Validator, 15, Staker)));
        Assert.Equal(3UL, (ulong)rig.MetaDelegation(Validator).Value);
        Assert.Equal(3UL, (ulong)rig.RealDelegation(Validator).Value);

        Assert.Null(rig.Receive(new ProviderPacket.Unstake(Validator, 30, Staker)));
        Assert.True(rig.MetaDelegation(Validator).IsZero);
        Assert.True(rig.RealDelegation(Validator).IsZero);
        Assert.True(rig.MetaConsumer().TotalStaked.IsZero);
    }

    [Fact]
    public void Stake_of_500000_at_rate_0_1_delegates_50000_real_tokens_as_in_the_seed_integration_test()
    {
        var rig = new ConsumerMetaStakingRig("0.1", 1_000_000);
        Assert.Null(rig.Receive(new ProviderPacket.Stake(Validator, 500_000, Staker)));
        Assert.Equal(50_000UL, (ulong)rig.RealDelegation(Validator).Value);
    }

    [Fact]
    public void A_stake_beyond_meta_stakings_cap_fails_the_receive_and_rolls_back_the_record()
    {
        var rig = new ConsumerMetaStakingRig("0.1", 100);
        Assert.Null(rig.Receive(new ProviderPacket.Stake(Validator, 900, Staker)));
        var error = rig.Receive(new ProviderPacket.Stake(Validator, 200, Staker));
        Assert.Equal(new MetaStakingError.NoFundsToDelegate(), error);
        Assert.Equal(900UL, (ulong)rig.RemoteStake(Validator).Value);
        Assert.Equal(90UL, (ulong)rig.RealDelegation(Validator).Value);
    }

    [Fact]
    public void An_unstake_beyond_the_record_fails_before_meta_staking_is_called()
    {
        var rig = new ConsumerMetaStakingRig("0.1", 1000);
        Assert.Null(rig.Receive(new ProviderPacket.Stake(Validator, 100, Staker)));
        Assert.Equal(new ConsumerError.InsufficientStake(Validator, 100, 150), rig.Receive(new ProviderPacket.Unstake(Validator, 150, Staker)));
        Assert.Equal(10UL, (ulong)rig.MetaDelegation(Validator).Value);
    }
}
