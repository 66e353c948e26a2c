using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.MetaStaking.MetaStakingFixture;

namespace MeshSecurity.Core.Tests.Contracts.MetaStaking;

public sealed class MetaStakingDelegationTests
{
    private readonly MetaStakingFixture _f = new();

    public MetaStakingDelegationTests()
    {
        _f.AddConsumer(Consumer1, 1000);
        _f.AddConsumer(Consumer2, 1000);
    }

    private static CosmosMsg[] Msgs(Response r) => r.Messages.Select(m => m.Msg).ToArray();

    [Fact]
    public void Delegate_from_a_consumer_delegates_real_tokens_from_the_balance()
    {
        var response = _f.Delegate(Consumer1, V1, 100);
        Assert.Equal([new CosmosMsg.StakingDelegate(new Addr(V1), new Coin(Denom, 100))], Msgs(response));
        Assert.Equal(100UL, (ulong)_f.Delegation(Consumer1, V1).Value);
        Assert.Equal(100UL, (ulong)_f.Consumer(Consumer1).TotalStaked.Value);
        Assert.Equal(999_900UL, (ulong)_f.Balance.Value);
    }

    [Fact]
    public void Delegate_fails_with_Unauthorized_for_a_sender_that_is_not_a_consumer()
    {
        var error = _f.H.ExecuteFails(Anyone, new MetaStakingMsg.Execute.Delegate(V1, 1));
        Assert.Equal(new MetaStakingError.Unauthorized(), error);
    }

    [Fact]
    public void M1_delegate_up_to_the_cap_works_and_beyond_fails_with_NoFundsToDelegate()
    {
        _f.Delegate(Consumer1, V1, 600);
        _f.Delegate(Consumer1, V2, 400);
        var error = _f.H.ExecuteFails(Consumer1, new MetaStakingMsg.Execute.Delegate(V1, 1));
        Assert.Equal(new MetaStakingError.NoFundsToDelegate(), error);
        Assert.Equal("Contract has run out of funds to delegate for consumer chain", error.Message);
        Assert.Equal(1000UL, (ulong)_f.Consumer(Consumer1).TotalStaked.Value);
    }

    [Fact]
    public void Undelegate_lowers_the_record_and_undelegates_real_tokens()
    {
        _f.Delegate(Consumer1, V1, 100);
        var response = _f.Undelegate(Consumer1, V1, 40);
        Assert.Equal([new CosmosMsg.StakingUndelegate(new Addr(V1), new Coin(Denom, 40))], Msgs(response));
        Assert.Equal(60UL, (ulong)_f.Delegation(Consumer1, V1).Value);
        Assert.Equal(60UL, (ulong)_f.Consumer(Consumer1).TotalStaked.Value);
    }

    [Fact]
    public void Undelegate_fails_with_NoConsumer_for_an_unregistered_sender()
    {
        Assert.Equal(new MetaStakingError.NoConsumer(), _f.H.ExecuteFails(Anyone, new MetaStakingMsg.Execute.Undelegate(V1, 1)));
    }

    [Fact]
    public void Undelegate_fails_with_NoDelegationsForValidator_where_the_consumer_never_delegated()
    {
        _f.Delegate(Consumer1, V1, 100);
        var error = _f.H.ExecuteFails(Consumer1, new MetaStakingMsg.Execute.Undelegate(V2, 1));
        Assert.Equal(new MetaStakingError.NoDelegationsForValidator(), error);
    }

    [Fact]
    public void Undelegate_fails_with_InsufficientDelegation_beyond_the_consumers_delegation()
    {
        _f.Delegate(Consumer1, V1, 100);
        _f.Delegate(Consumer2, V1, 500);
        var error = _f.H.ExecuteFails(Consumer1, new MetaStakingMsg.Execute.Undelegate(V1, 101));
        Assert.Equal(new MetaStakingError.InsufficientDelegation(), error);
        Assert.Equal("Cannot undelegate more than you previously delegated", error.Message);
    }

    [Fact]
    public void After_a_chain_slash_undelegation_shares_the_loss_and_never_exceeds_the_real_delegation()
    {
        _f.Delegate(Consumer1, V1, 100);
        _f.Delegate(Consumer2, V1, 100);
        _f.Slash(V1, Dec.Parse("0.095"));
        Assert.Equal(181UL, (ulong)_f.RealDelegation(V1).Value);

        var first = _f.Undelegate(Consumer1, V1, 100);
        Assert.Equal([new CosmosMsg.StakingUndelegate(new Addr(V1), new Coin(Denom, 90))], Msgs(first));
        var last = _f.Undelegate(Consumer2, V1, 100);
        Assert.Equal([new CosmosMsg.StakingUndelegate(new Addr(V1), new Coin(Denom, 91))], Msgs(last));
        Assert.True(_f.RealDelegation(V1).IsZero);
        Assert.True(_f.Consumer(Consumer2).TotalStaked.IsZero);
    }

    [Fact]
    public void Rewards_accrued_before_a_delegate_are_credited_to_the_old_delegators_and_withdrawn_first()
    {
        _f.Delegate(Consumer1, V1, 100);
        _f.Accrue(V1, 50);
        var response = _f.Delegate(Consumer2, V1, 100);
        Assert.Equal(
            [new CosmosMsg.DistributionWithdrawReward(new Addr(V1)), new CosmosMsg.StakingDelegate(new Addr(V1), new Coin(Denom, 100))],
            Msgs(response));
        Assert.Equal(MetaStakingEvents.AttributedRewards, Assert.Single(response.Events).Type);
        Assert.Equal(Dec.FromInteger(50), Assert.Single(_f.Consumer(Consumer1).Rewards).Pending);
        Assert.Equal(Dec.Zero, Assert.Single(_f.Consumer(Consumer2).Rewards).Pending);
    }

    [Fact]
    public void Rewards_accrued_before_an_undelegate_are_credited_over_the_weights_before_it()
    {
        _f.Delegate(Consumer1, V1, 100);
        _f.Delegate(Consumer2, V1, 300);
        _f.Accrue(V1, 40);
        var response = _f.Undelegate(Consumer2, V1, 300);
        Assert.Equal(
            [new CosmosMsg.DistributionWithdrawReward(new Addr(V1)), new CosmosMsg.StakingUndelegate(new Addr(V1), new Coin(Denom, 300))],
            Msgs(response));
        Assert.Equal(Dec.FromInteger(10), Assert.Single(_f.Consumer(Consumer1).Rewards).Pending);
        Assert.Equal(Dec.FromInteger(30), Assert.Single(_f.Consumer(Consumer2).Rewards).Pending);
    }

    [Fact]
    public void M3_the_consumers_delegations_sum_to_its_total_staked()
    {
        _f.Delegate(Consumer1, V1, 100);
        _f.Delegate(Consumer1, V2, 250);
        _f.Undelegate(Consumer1, V1, 30);
        _f.Delegate(Consumer1, V1, 5);
        _f.Undelegate(Consumer1, V2, 250);
        var all = _f.H.Query<MetaStakingMsg.AllDelegationsResponse>(new MetaStakingMsg.Query.AllDelegations(Consumer1.Value));
        Assert.Equal([new(V1, 75), new(V2, 0)], all.Delegations.ToArray());
        Assert.Equal(75UL, (ulong)_f.Consumer(Consumer1).TotalStaked.Value);
    }
}
