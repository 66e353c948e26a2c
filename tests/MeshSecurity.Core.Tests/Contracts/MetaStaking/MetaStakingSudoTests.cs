using System.Text;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.MetaStaking.MetaStakingFixture;

namespace MeshSecurity.Core.Tests.Contracts.MetaStaking;

public sealed class MetaStakingSudoTests
{
    private readonly MetaStakingFixture _f = new();

    private static MetaStakingMsg.Sudo.AddConsumer Add(Addr consumer, ulong funds) => new(consumer.Value, new Coin(Denom, funds));

    [Fact]
    public void Instantiate_makes_the_sender_admin_and_uses_the_bond_denom()
    {
        Assert.Equal(new MetaStakingState.Settings(Admin, Denom), _f.State.Config);
        Assert.Empty(_f.State.Consumers);
    }

    [Fact]
    public void Governance_adds_a_consumer_through_sudo()
    {
        _f.AddConsumer(Consumer1, 600_000);
        var info = _f.Consumer(Consumer1);
        Assert.Equal(600_000UL, (ulong)info.AvailableFunds.Value);
        Assert.True(info.TotalStaked.IsZero);
        Assert.Empty(info.Rewards);
    }

    [Fact]
    public void The_admin_adds_a_consumer_through_execute_sudo()
    {
        _f.H.Execute(Admin, new MetaStakingMsg.Execute.AdminSudo(Add(Consumer1, 10)));
        Assert.Equal(10UL, (ulong)_f.Consumer(Consumer1).AvailableFunds.Value);
    }

    [Fact]
    public void Execute_sudo_fails_with_Unauthorized_for_anyone_but_the_admin()
    {
        var error = _f.H.ExecuteFails(Anyone, new MetaStakingMsg.Execute.AdminSudo(Add(Consumer1, 10)));
        Assert.Equal(new MetaStakingError.Unauthorized(), error);
        Assert.Equal("Unauthorized", error.Message);
    }

    [Fact]
    public void Add_fails_with_ConsumerAlreadyExists_for_a_registered_consumer()
    {
        _f.AddConsumer(Consumer1, 10);
        Assert.Equal(new MetaStakingError.ConsumerAlreadyExists(), _f.AddConsumerFails(Consumer1, 10));
    }

    [Fact]
    public void Add_fails_with_NotEnoughFunds_beyond_the_balance()
    {
        var error = _f.AddConsumerFails(Consumer1, 1_000_001);
        Assert.Equal(new MetaStakingError.NotEnoughFunds(), error);
        Assert.Equal("Contract does not have enough funds for consumer", error.Message);
    }

    [Fact]
    public void B10_add_fails_with_NotEnoughFunds_when_the_funds_are_promised_to_another_consumer()
    {
        _f.AddConsumer(Consumer1, 600_000);
        Assert.Equal(new MetaStakingError.NotEnoughFunds(), _f.AddConsumerFails(Consumer2, 400_001));
        _f.AddConsumer(Consumer2, 400_000);
    }

    [Fact]
    public void B10_delegated_tokens_count_as_held()
    {
        _f.AddConsumer(Consumer1, 600_000);
        _f.Delegate(Consumer1, V1, 600_000);
        Assert.Equal(400_000UL, (ulong)_f.Balance.Value);
        _f.AddConsumer(Consumer2, 400_000);
    }

    [Fact]
    public void B10_add_fails_with_InvalidDenom_for_funds_in_another_denom()
    {
        Assert.Equal(new MetaStakingError.InvalidDenom(Denom, "uatom"), _f.AddConsumerFails(Consumer1, 10, "uatom"));
    }

    [Fact]
    public void Remove_fails_with_NoConsumer_for_an_unknown_consumer()
    {
        var error = _f.H.Fails(new ContractCall.Sudo(new MetaStakingMsg.Sudo.RemoveConsumer(Consumer1.Value)));
        Assert.Equal(new MetaStakingError.NoConsumer(), error);
        Assert.Equal("Consumer does not exists", error.Message);
    }

    [Fact]
    public void Remove_undelegates_the_consumers_delegations_and_forfeits_its_unpaid_rewards()
    {
        _f.AddConsumer(Consumer1, 1000);
        _f.AddConsumer(Consumer2, 1000);
        _f.Delegate(Consumer1, V1, 100);
        _f.Delegate(Consumer2, V1, 300);
        _f.Delegate(Consumer1, V2, 50);
        _f.Accrue(V1, 40);

        var response = _f.Apply(_f.H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.RemoveConsumer(Consumer1.Value))));

        Assert.Equal(
            [
                new CosmosMsg.DistributionWithdrawReward(new Addr(V1)),
                new CosmosMsg.StakingUndelegate(new Addr(V1), new Coin(Denom, 100)),
                new CosmosMsg.StakingUndelegate(new Addr(V2), new Coin(Denom, 50)),
            ],
            response.Messages.Select(m => m.Msg).ToArray());
        Assert.Equal("10", response.Attributes.Single(a => a.Key == MetaStakingEvents.ForfeitedRewardsKey).Value);
        Assert.Equal([Consumer2], _f.H.Query<System.Collections.Immutable.ImmutableArray<Addr>>(new MetaStakingMsg.Query.Consumers()).ToArray());
        Assert.True(_f.Delegation(Consumer1, V1).IsZero);
        Assert.Equal(Dec.FromInteger(30), Assert.Single(_f.Consumer(Consumer2).Rewards).Pending);
        Assert.Equal(300UL, (ulong)_f.RealDelegation(V1).Value);
    }

    [Fact]
    public void Execute_sudo_uses_the_seed_newtype_wire_form()
    {
        var json = """{"sudo":{"add_consumer":{"consumer_address":"C1","funds_available_for_staking":{"denom":"ustake","amount":"100"}}}}"""
            .Replace("C1", Consumer1.Value);
        var msg = Wire.Decode<MetaStakingMsg.Execute>(Encoding.UTF8.GetBytes(json));
        Assert.Equal(new MetaStakingMsg.Execute.AdminSudo(Add(Consumer1, 100)), msg);
        Assert.Equal(json, Encoding.UTF8.GetString(Wire.Encode(msg)));
    }

    [Fact]
    public void Sudo_reads_its_json_form()
    {
        _f.H.Ok(new ContractCall.Sudo(Wire.Encode<MetaStakingMsg.Sudo>(Add(Consumer1, 7))));
        Assert.Equal(7UL, (ulong)_f.Consumer(Consumer1).AvailableFunds.Value);
    }
}
