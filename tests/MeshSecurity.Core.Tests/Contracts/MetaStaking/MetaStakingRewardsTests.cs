using System.Text;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.MetaStaking.MetaStakingFixture;

namespace MeshSecurity.Core.Tests.Contracts.MetaStaking;

public sealed class MetaStakingRewardsTests
{
    private readonly MetaStakingFixture _f = new();

    public MetaStakingRewardsTests()
    {
        _f.AddConsumer(Consumer1, 1000);
        _f.AddConsumer(Consumer2, 1000);
    }

    /// <summary>The rewards one withdraw_to_costumer pays: its single call to the consumer contract.</summary>
    private ulong Paid(Addr consumer, string validator)
    {
        var call = Assert.IsType<CosmosMsg.WasmExecute>(Assert.Single(_f.WithdrawToCustomer(consumer, validator).Messages).Msg);
        Assert.Equal(consumer, call.Contract);
        Assert.Equal(new ConsumerMsg.Execute.ReceiveRewards(validator), call.Msg);
        return (ulong)call.Funds.AmountOf(Denom).Value;
    }

    [Fact]
    public void Withdraw_delegator_reward_credits_rewards_per_token_and_withdraws()
    {
        _f.Delegate(Consumer1, V1, 400);
        _f.Accrue(V1, 50);
        var response = _f.WithdrawReward(V1);
        Assert.Equal([new CosmosMsg.DistributionWithdrawReward(new Addr(V1))], response.Messages.Select(m => m.Msg).ToArray());
        Assert.Equal(Dec.Parse("0.125"), _f.State.Rpt(V1));
        Assert.Equal(999_650UL, (ulong)_f.Balance.Value);
    }

    [Fact]
    public void Withdraw_delegator_reward_fails_with_NoDelegationsForValidator_without_a_delegation()
    {
        var error = _f.H.ExecuteFails(Anyone, new MetaStakingMsg.Execute.WithdrawDelegatorReward(V1));
        Assert.Equal(new MetaStakingError.NoDelegationsForValidator(), error);
    }

    [Fact]
    public void Withdraw_delegator_reward_fails_with_ZeroRewardsToSend_when_nothing_accrued()
    {
        _f.Delegate(Consumer1, V1, 400);
        var error = _f.H.ExecuteFails(Anyone, new MetaStakingMsg.Execute.WithdrawDelegatorReward(V1));
        Assert.Equal(new MetaStakingError.ZeroRewardsToSend(), error);
        Assert.Equal("Rewards amount is 0", error.Message);
    }

    [Fact]
    public void B5_two_consumers_on_two_validators_are_paid_exactly_their_shares()
    {
        _f.Delegate(Consumer1, V1, 100);
        _f.Delegate(Consumer1, V2, 300);
        _f.Delegate(Consumer2, V1, 300);
        _f.Accrue(V1, 50);
        _f.Accrue(V2, 30);
        _f.WithdrawReward(V1); // rpt_v1 = 50 / 400 = 0.125
        _f.WithdrawReward(V2); // rpt_v2 = 30 / 300 = 0.1

        Assert.Equal(12UL, Paid(Consumer1, V1)); // 12.5: the 0.5 stays pending
        Assert.Equal(30UL, Paid(Consumer1, V2));
        Assert.Equal(37UL, Paid(Consumer2, V1)); // 37.5
        Assert.Equal(Dec.Parse("0.5"), _f.Consumer(Consumer1).Rewards.Single(r => r.Validator == V1).Pending);

        _f.Accrue(V1, 50);
        _f.WithdrawReward(V1); // rpt_v1 = 0.25
        Assert.Equal(13UL, Paid(Consumer1, V1)); // 0.5 + 12.5
        Assert.Equal(38UL, Paid(Consumer2, V1)); // 0.5 + 37.5
        Assert.Equal(999_300UL, (ulong)_f.Balance.Value); // 12 + 30 + 37 + 13 + 38 = 50 + 30 + 50: every reward token was paid out
        Assert.Equal(new MetaStakingError.ZeroRewardsToSend(), _f.H.ExecuteFails(Anyone, new MetaStakingMsg.Execute.WithdrawToCustomer(Consumer1.Value, V2)));
    }

    [Fact]
    public void Withdraw_to_costumer_fails_with_NoConsumer_for_an_unknown_consumer()
    {
        Assert.Equal(new MetaStakingError.NoConsumer(),
            _f.H.ExecuteFails(Anyone, new MetaStakingMsg.Execute.WithdrawToCustomer(Anyone.Value, V1)));
    }

    [Fact]
    public void Withdraw_to_costumer_fails_with_NoDelegationsForValidator_where_the_consumer_never_delegated()
    {
        Assert.Equal(new MetaStakingError.NoDelegationsForValidator(),
            _f.H.ExecuteFails(Anyone, new MetaStakingMsg.Execute.WithdrawToCustomer(Consumer1.Value, V1)));
    }

    [Fact]
    public void Withdraw_to_costumer_fails_with_ZeroRewardsToSend_below_one_whole_token()
    {
        _f.Delegate(Consumer1, V1, 3);
        _f.Delegate(Consumer2, V1, 997);
        _f.Accrue(V1, 100);
        _f.WithdrawReward(V1); // consumer 1 is owed 0.3
        Assert.Equal(new MetaStakingError.ZeroRewardsToSend(),
            _f.H.ExecuteFails(Anyone, new MetaStakingMsg.Execute.WithdrawToCustomer(Consumer1.Value, V1)));
        Assert.Equal(Dec.Parse("0.3"), _f.Consumer(Consumer1).Rewards.Single().Pending);
    }

    [Fact]
    public void A_fully_undelegated_consumer_keeps_its_pending_rewards()
    {
        _f.Delegate(Consumer1, V1, 100);
        _f.Accrue(V1, 7);
        _f.Undelegate(Consumer1, V1, 100);
        Assert.Equal(7UL, Paid(Consumer1, V1));
    }

    [Fact]
    public void Withdraw_to_costumer_keeps_the_seed_wire_name()
    {
        var msg = new MetaStakingMsg.Execute.WithdrawToCustomer(Consumer1.Value, V1);
        Assert.StartsWith("""{"withdraw_to_costumer":{"consumer":""", Encoding.UTF8.GetString(Wire.Encode<MetaStakingMsg.Execute>(msg)));
    }
}
