using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>README "Claiming Rewards": consumer block rewards → meta-staking → mesh-consumer → Rewards packet + ICS-20 → provider → user.</summary>
public class RewardsTests : TestKit
{
    private readonly ITestOutputHelper _output;

    public RewardsTests(ITestOutputHelper output) : base(output: output) => _output = output;

    [Fact]
    public async Task Rewards_earned_on_the_consumer_reach_the_cross_staker_on_the_provider_exactly()
    {
        // juno mints 3,100 ujuno a block. With alice's 1,000 osmo at 0.1 on j1, j1 has 1,100 of 3,100 bonded tokens:
        // 1,100 a block over 1,100 shares, so meta-staking's 100 shares earn exactly 100 ujuno a block.
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "rewards")).KeepingHistory();
        await net.AddChainAsync(ProviderChain());
        await net.AddChainAsync(ConsumerChain(Juno, blockReward: 3_100));
        var link = await net.LinkAsync(LinkTo(Juno));
        var j1 = FirstValidator(Juno);

        await net.BondAsync(link, Alice, 1_000);
        await net.GrantClaimAsync(link, Alice, 1_000, j1);
        await net.RunForAsync(60);
        Assert.Equal((Amount)100, await net.ChainDelegationAsync(link, j1));

        var withdraw = await net.MustExecuteAsync(Juno, Anyone(Juno),
            new CosmosMsg.WasmExecute(link.MetaStaking, new MetaStakingMsg.Execute.WithdrawDelegatorReward(j1.Value), Coins.Empty));
        var history = await net.HistoryAsync();
        var delegatedAt = history.Actions(Juno, MetaStakingEvents.Delegate, link.MetaStaking).Single().Tx.Height;
        var withdrawnAt = history.Executed(withdraw).Height;
        // rewards accrue from the block after the delegation up to and including the withdrawal's block (begin block)
        var expected = (Amount)(100 * (withdrawnAt - delegatedAt));
        _output.WriteLine($"delegated at juno height {delegatedAt}, withdrawn at {withdrawnAt}: {expected} ujuno");
        Assert.Equal((Amount)1_200, expected); // 12 juno blocks of rewards in this (deterministic) run
        var credited = withdraw.Events.Single(e => e.Type == "wasm" && e.Get("action") == MetaStakingEvents.WithdrawDelegatorReward);
        Assert.Equal(expected.ToString(), credited.Get(MetaStakingEvents.RewardsKey));
        // its balance: the undelegated staking funds plus the rewards it withdrew
        Assert.Equal(StakingFunds - 100 + expected, await net.BalanceAsync(Juno, link.MetaStaking, DenomOf(Juno)));

        // anyone can push the rewards to the consumer, which sends the Rewards packet, then the tokens on its ack
        await net.MustExecuteAsync(Juno, Anyone(Juno),
            new CosmosMsg.WasmExecute(link.MetaStaking, new MetaStakingMsg.Execute.WithdrawToCustomer(link.Consumer.Value, j1.Value), Coins.Empty));
        await net.RunForAsync(60);

        history = await net.HistoryAsync();
        var rewardsAck = history.OfType<EmulatorEvent.PacketAcknowledged>()
            .Single(e => e.Chain == Juno && e.Packet.Source.PortId == link.MeshEnds.PortB && e.Time > history.Executed(withdraw).Time);
        Assert.True(rewardsAck.Success);
        var transferAck = history.OfType<EmulatorEvent.PacketAcknowledged>()
            .Single(e => e.Chain == Juno && e.Packet.Source.PortId == "transfer" && e.Packet.Source.ChannelId == link.TransferEnds.ChannelB);
        Assert.True(transferAck.Success);
        Assert.Equal(expected, await net.BalanceAsync(Osmosis, link.Provider, link.RewardsDenom));
        var pending = await net.QueryAsync<ProviderMsg.PendingRewardsResponse>(Osmosis, link.Provider, new ProviderMsg.Query.PendingRewards(Alice.Value, j1.Value));
        Assert.Equal(expected, pending.Rewards);

        var claimed = await net.ProviderAsync(link, Alice, new ProviderMsg.Execute.ClaimRewards(j1.Value));
        Assert.True(claimed.IsSuccess, claimed.ToString());
        Assert.Equal(expected, await net.BalanceAsync(Osmosis, Alice, link.RewardsDenom));
        Assert.Equal(Amount.Zero, await net.BalanceAsync(Osmosis, link.Provider, link.RewardsDenom));
        Assert.Equal(Amount.Zero, await net.BalanceAsync(Juno, link.Consumer, DenomOf(Juno)));
        var again = await net.ProviderAsync(link, Alice, new ProviderMsg.Execute.ClaimRewards(j1.Value));
        Assert.Equal("NoRewardsToClaim", again.Error?.Kind);
    }
}
