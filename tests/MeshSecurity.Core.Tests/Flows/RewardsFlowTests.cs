using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// The seed README's "Claiming Rewards": juno's block rewards on meta-staking's delegation travel to osmosis as a
/// Rewards packet plus an ICS-20 transfer, and stakers claim them in the rewards denom. juno's validators bond 2,999,900
/// and the block reward is 3,000,000 ujuno, so once meta-staking delegates 100 ujuno every bonded token earns exactly
/// 1 ujuno a block: meta-staking's delegation earns 100 ujuno a block.
/// </summary>
public sealed class RewardsFlowTests
{
    private readonly MeshNetwork _net = new();

    [Fact]
    public void Rewards_of_blocks_on_juno_reach_two_stakers_on_osmosis_split_by_their_tokens()
    {
        // Alice cross-stakes 600 uosmo and Bob 400 on juno's v1: 1000 remote, 100 ujuno delegated by meta-staking
        _net.Bond(Alice, 600).Succeeds();
        _net.Bond(Bob, 400).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 600).Succeeds();
        _net.GrantClaim(Bob, _net.ToJuno, JunoV1, 400).Succeeds();
        _net.RelayAll();
        Assert.Equal((Amount)100, _net.MetaDelegation(_net.ToJuno, JunoV1));
        var delegatedAt = LastDelegationHeight(_net.Juno, _net.ToJuno.MetaStaking);

        // blocks pass on juno; then anyone pulls meta-staking's rewards and pays them to the osmosis consumer contract
        _net.SkipBlocks(10);
        _net.WithdrawRewards(_net.ToJuno, JunoV1).Succeeds();
        var blocks = _net.Juno.Height - delegatedAt;               // the withdraw's block pays too: rewards come at begin block
        Assert.Equal(11UL, blocks);
        var earned = (Amount)(100 * blocks);                        // 1,100 ujuno

        // the consumer sent a Rewards packet and keeps the coins until the provider acknowledges it
        Assert.Equal(earned, _net.Juno.Balance(_net.ToJuno.ConsumerContract, "ujuno"));
        Assert.Equal((Amount)0, _net.Osmosis.Balance(_net.ToJuno.ProviderContract, _net.ToJuno.RewardsDenom));

        // relay: the provider credits the rewards, the ack releases the ICS-20 transfer, the voucher arrives on osmosis
        _net.RelayAll();
        Assert.Equal((Amount)0, _net.Juno.Balance(_net.ToJuno.ConsumerContract, "ujuno"));
        Assert.Equal(earned, _net.Osmosis.Balance(_net.ToJuno.ProviderContract, _net.ToJuno.RewardsDenom));

        // D3: split by tokens, 600 : 400 of 1,100
        Assert.Equal(new ProviderMsg.PendingRewardsResponse(660), PendingRewards(Alice));
        Assert.Equal(new ProviderMsg.PendingRewardsResponse(440), PendingRewards(Bob));
        _net.ClaimRewards(Alice, _net.ToJuno, JunoV1).Succeeds();
        _net.ClaimRewards(Bob, _net.ToJuno, JunoV1).Succeeds();
        Assert.Equal((Amount)660, _net.Osmosis.Balance(Alice, _net.ToJuno.RewardsDenom));
        Assert.Equal((Amount)440, _net.Osmosis.Balance(Bob, _net.ToJuno.RewardsDenom));
        Assert.Equal((Amount)0, _net.Osmosis.Balance(_net.ToJuno.ProviderContract, _net.ToJuno.RewardsDenom));

        // nothing is left to claim, and the tokens on juno sit in the ICS-20 escrow backing the vouchers
        _net.ClaimRewards(Alice, _net.ToJuno, JunoV1).FailsWith<ProviderError.NoRewardsToClaim>();
        Assert.Equal(earned, _net.Juno.Balance(Core.Chain.ModuleAccounts.TransferEscrow("juno", _net.ToJuno.TransferPath.B.ChannelId), "ujuno"));
        Assert.Empty(_net.ConservationErrors());
    }

    [Fact]
    public void Claiming_before_the_ics20_tokens_arrive_fails_with_WrongBalance_and_succeeds_after()
    {
        _net.Bond(Alice, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        _net.RelayAll();
        var delegatedAt = LastDelegationHeight(_net.Juno, _net.ToJuno.MetaStaking);
        _net.SkipBlocks(4);
        _net.WithdrawRewards(_net.ToJuno, JunoV1).Succeeds();
        var earned = (Amount)(100 * (_net.Juno.Height - delegatedAt));
        Assert.Equal((Amount)500, earned);                                   // 100 ujuno a block for 4 + 1 blocks

        // only the mesh channel is relayed: the provider credits the rewards, but the transfer has not landed yet
        _net.ToJuno.MeshPath.Relay();
        Assert.Equal(new ProviderMsg.PendingRewardsResponse(earned), PendingRewards(Alice));
        var error = _net.ClaimRewards(Alice, _net.ToJuno, JunoV1).FailsWith<ProviderError.WrongBalance>();
        Assert.Equal(new ProviderError.WrongBalance(0, earned), error);

        // the transfer lands; the same claim now pays all of it
        _net.ToJuno.TransferPath.Relay();
        _net.ClaimRewards(Alice, _net.ToJuno, JunoV1).Succeeds();
        Assert.Equal(earned, _net.Osmosis.Balance(Alice, _net.ToJuno.RewardsDenom));
    }

    [Fact]
    public void Rewards_whose_ics20_transfer_times_out_still_reach_the_staker_with_the_next_rewards()
    {
        _net.Bond(Alice, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        _net.RelayAll();
        _net.SkipBlocks(4);
        _net.WithdrawRewards(_net.ToJuno, JunoV1).Succeeds();                 // 500 ujuno (5 blocks)

        // the Rewards packet is delivered and credited, but the ICS-20 relayer is down until the transfer times out
        _net.ToJuno.TransferPath.Paused = true;
        _net.RelayAll();
        Assert.Equal(new ProviderMsg.PendingRewardsResponse(500), PendingRewards(Alice));
        _net.SkipTime(PacketLifetime + 1);
        _net.ToJuno.TransferPath.Paused = false;
        Assert.Equal(1, _net.RelayAll().TimedOut);

        // the next rewards round: the provider owes Alice 500 plus this round, and must have received all of it
        _net.SkipBlocks(4);
        _net.WithdrawRewards(_net.ToJuno, JunoV1).Succeeds();
        _net.RelayAll();
        _net.ClaimRewards(Alice, _net.ToJuno, JunoV1).Succeeds();
        Assert.Equal((Amount)0, _net.Juno.Balance(_net.ToJuno.ConsumerContract, "ujuno"));
        Assert.Equal(PendingRewards(Alice).Rewards, Amount.Zero);
        Assert.Equal(_net.Osmosis.Balance(Alice, _net.ToJuno.RewardsDenom), _net.Juno.Balance(
            Core.Chain.ModuleAccounts.TransferEscrow("juno", _net.ToJuno.TransferPath.B.ChannelId), "ujuno"));
    }

    private ProviderMsg.PendingRewardsResponse PendingRewards(Core.Types.Addr user) =>
        _net.Osmosis.Query<ProviderMsg.PendingRewardsResponse>(_net.ToJuno.ProviderContract, new ProviderMsg.Query.PendingRewards(user.Value, JunoV1.Value));
}
