using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.MetaStaking.MetaStakingFixture;

namespace MeshSecurity.Core.Tests.Contracts.MetaStaking;

/// <summary>
/// Meta-staking on a chain with epochs (docs/scenarios.md "Epochs"): requests are recorded when a packet arrives and
/// delegated at the epoch's end, where a normalised consumer is rebalanced and a percentage cap read again.
/// </summary>
public sealed class MetaStakingEpochTests
{
    private const string V3 = "testvaloper1gamma";
    private readonly MetaStakingFixture _f = new(epochs: true);

    private void AddConsumer(Addr consumer, CapPolicy? cap, OverCapPolicy? overCap) =>
        _f.H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(consumer.Value, new Coin(Denom, 100_000), cap, overCap)));

    private ulong[] Delegations(Addr consumer, params string[] validators) =>
        [.. validators.Select(v => (ulong)_f.Delegation(consumer, v).Value)];

    private void Bonded(ulong tokens) => _f.H.Querier.ValidatorList[0] = _f.H.Querier.ValidatorList[0] with { Tokens = new Amount(tokens) };

    [Fact]
    public void The_seeds_500_1000_1000_wait_for_the_epochs_end_and_are_normalised_to_200_400_400_there()
    {
        AddConsumer(Consumer1, new CapPolicy.Fixed(new Amount(1000)), OverCapPolicy.Normalise);
        var queued = _f.Delegate(Consumer1, V1, 500);
        _f.Delegate(Consumer1, V2, 1000);
        _f.Delegate(Consumer1, V3, 1000);
        Assert.Contains(queued.Attributes, a => a.Key == MetaStakingEvents.QueuedKey && a.Value == "true");
        Assert.Empty(queued.Messages);
        Assert.Equal([0UL, 0UL, 0UL], Delegations(Consumer1, V1, V2, V3));

        var epoch = _f.EndEpoch(100);
        Assert.Equal([200UL, 400UL, 400UL], Delegations(Consumer1, V1, V2, V3));
        Assert.Equal(3, epoch.Events.Count(e => e.Type == MetaStakingEvents.Rebalanced));
        Assert.Equal(new Amount(1000), _f.RealDelegation(V1) + _f.RealDelegation(V2) + _f.RealDelegation(V3));
    }

    [Fact]
    public void A_10_percent_cap_follows_the_chains_bonded_stake_epoch_by_epoch()
    {
        _f.H.Querier.ValidatorList.Add(new ValidatorInfo(new Addr(V1), new Amount(9000), 9000, "bonded", false, false));
        AddConsumer(Consumer1, new CapPolicy.Fraction(Dec.Percent(10)), OverCapPolicy.Normalise);
        _f.Delegate(Consumer1, V1, 5000);
        _f.EndEpoch(100);
        Assert.Equal(new Amount(1000), _f.Delegation(Consumer1, V1)); // 10 % of 9,000 + 1,000

        // the others' stake doubles to 18,000: nothing moves until the next epoch, which lets the consumer hold 2,000
        Bonded(19_000);
        Assert.Equal(new Amount(1000), _f.Delegation(Consumer1, V1));
        _f.EndEpoch(200);
        Assert.Equal(new Amount(2000), _f.Delegation(Consumer1, V1));

        // the others fall to 4,500: the next epoch brings the consumer down to 500
        Bonded(6500);
        _f.EndEpoch(300);
        Assert.Equal(new Amount(500), _f.Delegation(Consumer1, V1));
        Assert.Equal(new Amount(5000), _f.H.Query<Amount>(new MetaStakingMsg.Query.Request(Consumer1.Value, V1)));
    }

    [Fact]
    public void A_failing_consumer_is_refused_past_its_cap_when_the_packet_arrives_and_delegated_at_the_epochs_end()
    {
        AddConsumer(Consumer1, new CapPolicy.Fixed(new Amount(1000)), null);
        _f.Delegate(Consumer1, V1, 600);
        var error = _f.H.ExecuteFails(Consumer1, new MetaStakingMsg.Execute.Delegate(V2, 500));
        Assert.Equal(new MetaStakingError.CapExceeded(new Amount(1000), new Amount(1100)), error);
        Assert.Equal([0UL, 0UL], Delegations(Consumer1, V1, V2));
        _f.EndEpoch(100);
        Assert.Equal([600UL, 0UL], Delegations(Consumer1, V1, V2));
    }

    [Fact]
    public void An_unstake_lowers_the_request_at_once_and_the_delegation_at_the_epochs_end()
    {
        AddConsumer(Consumer1, null, null);
        _f.Delegate(Consumer1, V1, 600);
        _f.EndEpoch(100);
        _f.Undelegate(Consumer1, V1, 400);
        Assert.Equal(new Amount(600), _f.Delegation(Consumer1, V1));
        Assert.Equal(new MetaStakingError.InsufficientDelegation(),
            _f.H.ExecuteFails(Consumer1, new MetaStakingMsg.Execute.Undelegate(V1, 201)));
        var epoch = _f.EndEpoch(200);
        Assert.Equal(new Amount(200), _f.Delegation(Consumer1, V1));
        Assert.Contains(new CosmosMsg.StakingUndelegate(new Addr(V1), new Coin(Denom, 400)), epoch.Messages.Select(m => m.Msg));
    }

    [Fact]
    public void A_failing_consumers_delegations_fall_with_its_percentage_cap_at_the_epochs_end_and_its_requests_stay()
    {
        _f.H.Querier.ValidatorList.Add(new ValidatorInfo(new Addr(V1), new Amount(9000), 9000, "bonded", false, false));
        AddConsumer(Consumer1, new CapPolicy.Fraction(Dec.Percent(10)), null);
        _f.Delegate(Consumer1, V1, 1000); // 10 % of 9,000 + 1,000: the whole limit
        _f.EndEpoch(100);
        Assert.Equal(new Amount(1000), _f.Delegation(Consumer1, V1));

        // the others fall from 9,000 to 4,500: the limit is 500, and the epoch's end brings the delegation down to it
        Bonded(5500);
        Assert.Equal(new Amount(1000), _f.Delegation(Consumer1, V1));
        var epoch = _f.EndEpoch(200);
        Assert.Equal(new Amount(500), _f.Delegation(Consumer1, V1));
        Assert.Contains(new CosmosMsg.StakingUndelegate(new Addr(V1), new Coin(Denom, 500)), epoch.Messages.Select(m => m.Msg));
        Assert.Equal(new Amount(1000), _f.H.Query<Amount>(new MetaStakingMsg.Query.Request(Consumer1.Value, V1)));
        Bonded(5000); // the chain's tokens without the 500 undelegated (the mock querier does not move them)
        Assert.Equal(new MetaStakingError.CapExceeded(new Amount(500), new Amount(1001)),
            _f.H.ExecuteFails(Consumer1, new MetaStakingMsg.Execute.Delegate(V1, 1)));
    }

    [Fact]
    public void A_zero_cap_refuses_new_stake_at_once_and_evicts_at_the_epochs_end_only_once()
    {
        AddConsumer(Consumer1, null, null);
        _f.Delegate(Consumer1, V1, 600);
        _f.EndEpoch(100);
        var zero = new MetaStakingMsg.Sudo.SetCap(Consumer1.Value, new CapPolicy.Fixed(Amount.Zero));
        var set = _f.Apply(_f.H.Ok(new ContractCall.Sudo(zero)));
        Assert.Empty(set.Messages);
        Assert.Equal(new Amount(600), _f.Delegation(Consumer1, V1));
        Assert.Equal(new MetaStakingError.CapExceeded(Amount.Zero, new Amount(700)),
            _f.H.ExecuteFails(Consumer1, new MetaStakingMsg.Execute.Delegate(V1, 100)));

        var epoch = _f.EndEpoch(200);
        Assert.Equal(Amount.Zero, _f.Delegation(Consumer1, V1));
        Assert.Equal(
            [new CosmosMsg.StakingUndelegate(new Addr(V1), new Coin(Denom, 600)),
                new CosmosMsg.WasmExecute(Consumer1, new ConsumerMsg.Execute.Evict(), Coins.Empty)],
            epoch.Messages.Select(m => m.Msg));
        Assert.Empty(_f.EndEpoch(300).Messages);
    }

    [Fact]
    public void An_epochs_end_pays_every_consumer_its_whole_share_of_the_epochs_rewards_and_keeps_the_fractions()
    {
        AddConsumer(Consumer1, null, null);
        AddConsumer(Consumer2, null, null);
        _f.Delegate(Consumer1, V1, 600);
        _f.Delegate(Consumer2, V1, 400);
        _f.EndEpoch(100);
        _f.Accrue(V1, 1001);

        // 1001 over 600 / 400: 600.6 and 400.4, the whole parts sent, the fractions kept for the next epoch
        var paid = _f.Apply(_f.H.Ok(new ContractCall.Sudo(new Apis.ChainHook.EpochEnding(200))));
        Assert.Equal(
            [new CosmosMsg.DistributionWithdrawReward(new Addr(V1)),
                new CosmosMsg.WasmExecute(Consumer1, new ConsumerMsg.Execute.ReceiveRewards(V1), Coins.Of(Denom, 600)),
                new CosmosMsg.WasmExecute(Consumer2, new ConsumerMsg.Execute.ReceiveRewards(V1), Coins.Of(Denom, 400))],
            paid.Messages.Select(m => m.Msg));

        // the rebalance of the same epoch's end finds nothing left to attribute
        Assert.DoesNotContain(_f.EndEpoch(200).Events, e => e.Type == MetaStakingEvents.AttributedRewards);

        _f.Accrue(V1, 999); // 599.4 + 0.6 and 399.6 + 0.4
        var next = _f.Apply(_f.H.Ok(new ContractCall.Sudo(new Apis.ChainHook.EpochEnding(300))));
        Assert.Equal([Coins.Of(Denom, 600), Coins.Of(Denom, 400)],
            next.Messages.Select(m => m.Msg).OfType<CosmosMsg.WasmExecute>().Select(m => m.Funds));
    }

    [Fact]
    public void Without_epochs_no_rewards_move_at_an_epoch_hook()
    {
        var f = new MetaStakingFixture();
        f.H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(Consumer1.Value, new Coin(Denom, 1000))));
        f.Delegate(Consumer1, V1, 600);
        f.Accrue(V1, 100);
        Assert.Empty(f.H.Ok(new ContractCall.Sudo(new Apis.ChainHook.EpochEnding(100))).Messages);
    }

    [Fact]
    public void Without_epochs_the_epoch_hook_changes_nothing()
    {
        var f = new MetaStakingFixture();
        f.H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(Consumer1.Value, new Coin(Denom, 1000))));
        f.Delegate(Consumer1, V1, 600);
        var epoch = f.EndEpoch(100);
        Assert.Empty(epoch.Messages);
        Assert.Equal(new Amount(600), f.Delegation(Consumer1, V1));
    }
}
