using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

public sealed class ProviderRewardsTests
{
    private static CosmosMsg Pay(Addr to, ulong amount) => new CosmosMsg.BankSend(to, Coins.Of(RewardsDenom, amount));

    private static Amount Pending(ProviderFixture p, Addr owner, string validator = V1) =>
        p.H.Query<ProviderMsg.PendingRewardsResponse>(new ProviderMsg.Query.PendingRewards(owner.Value, validator)).Rewards;

    [Fact]
    public void Rewards_raise_rewards_per_token_and_are_acked()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 600);
        p.StakeRemotely(Bob, 400);
        var r = p.Rewards(V1, 100);
        Assert.Equal(Acknowledgement.Success(new ConsumerPacketAck.Rewards()), r.Acknowledgement);
        Assert.Equal((Amount)60, Pending(p, Alice));
        Assert.Equal((Amount)40, Pending(p, Bob));
    }

    /// <summary>D3 intended: each staker is paid on their own tokens (600 and 400 of 1000, 100 rewards → 60 and 40).</summary>
    [Fact]
    public void D3_two_stakers_are_paid_on_their_own_tokens()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 600);
        p.StakeRemotely(Bob, 400);
        p.Rewards(V1, 100);
        p.SetRewardsBalance(100);
        Assert.Equal([Pay(Alice, 60)], p.H.Execute(Alice, new ProviderMsg.Execute.ClaimRewards(V1)).Messages.Select(m => m.Msg).ToArray());
        p.SetRewardsBalance(40);
        Assert.Equal([Pay(Bob, 40)], p.H.Execute(Bob, new ProviderMsg.Execute.ClaimRewards(V1)).Messages.Select(m => m.Msg).ToArray());
        Assert.IsType<ProviderError.NoRewardsToClaim>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.ClaimRewards(V1)));
    }

    /// <summary>B3: the 2022 code settles with the validator's total shares, so the first claimer takes everything.</summary>
    [Fact]
    public void D3_in_the_2022_profile_the_first_claimer_takes_all_and_the_next_gets_WrongBalance()
    {
        var p = new ProviderFixture(MeshProfile.Prototype2022);
        p.StakeRemotely(Alice, 600);
        p.StakeRemotely(Bob, 400);
        p.Rewards(V1, 100);
        p.SetRewardsBalance(100);
        Assert.Equal([Pay(Alice, 100)], p.H.Execute(Alice, new ProviderMsg.Execute.ClaimRewards(V1)).Messages.Select(m => m.Msg).ToArray());
        p.SetRewardsBalance(0);
        var error = p.H.ExecuteFails(Bob, new ProviderMsg.Execute.ClaimRewards(V1));
        Assert.Equal(new ProviderError.WrongBalance(0, 100), error);
        Assert.Equal("Balance is too low: 100 > 0", error.Message);
    }

    /// <summary>7 rewards on 3 tokens: rpt = 2.333333333333333333, pending 6.999999999999999999 → 6 paid, the fraction stays.</summary>
    [Fact]
    public void The_payout_is_the_integer_part_and_the_fraction_stays_pending()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 3);
        p.Rewards(V1, 7);
        p.SetRewardsBalance(100);
        Assert.Equal([Pay(Alice, 6)], p.H.Execute(Alice, new ProviderMsg.Execute.ClaimRewards(V1)).Messages.Select(m => m.Msg).ToArray());
        Assert.Equal((Amount)0, Pending(p, Alice));
        p.Rewards(V1, 7);                                // pending 0.999999999999999999 + 6.999999999999999999
        Assert.Equal([Pay(Alice, 7)], p.H.Execute(Alice, new ProviderMsg.Execute.ClaimRewards(V1)).Messages.Select(m => m.Msg).ToArray());
    }

    [Fact]
    public void A_stake_change_settles_rewards_on_the_tokens_before_it()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.Rewards(V1, 100);                              // rpt 0.1 on 1000
        p.StakeRemotely(Alice, 1000);                    // settles 100 on the old 1000
        p.StakeRemotely(Bob, 2000);                      // Bob joins after: nothing of the first 100
        p.Rewards(V1, 400);                              // rpt +0.1 on 4000
        Assert.Equal((Amount)300, Pending(p, Alice));
        Assert.Equal((Amount)200, Pending(p, Bob));
    }

    [Fact]
    public void Rewards_fail_with_NoStakedTokens_when_the_validator_has_no_tokens()
    {
        var p = new ProviderFixture();
        var error = p.ReceiveFails(new ConsumerPacket.Rewards(V2, new Coin("ujuno", 10)));
        Assert.Equal(new ProviderError.NoStakedTokens(V2), error);
        Assert.Equal("No staked tokens for this validator: " + V2, error.Message);
    }

    [Fact]
    public void Rewards_fail_with_ZeroAmount_or_UnknownValidator()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 10);
        Assert.IsType<ProviderError.ZeroAmount>(p.ReceiveFails(new ConsumerPacket.Rewards(V1, new Coin("ujuno", 0))));
        Assert.IsType<ProviderError.UnknownValidator>(p.ReceiveFails(new ConsumerPacket.Rewards("junovaloper1nobody", new Coin("ujuno", 1))));
    }

    [Fact]
    public void B7_Rewards_fail_with_WrongRewardsDenom_when_a_consumer_denom_is_configured()
    {
        var p = new ProviderFixture(instantiate: Instantiate() with { ConsumerRewardsDenom = "ujuno" });
        p.StakeRemotely(Alice, 10);
        Assert.Equal(new ProviderError.WrongRewardsDenom("ujuno", "uatom"), p.ReceiveFails(new ConsumerPacket.Rewards(V1, new Coin("uatom", 5))));
        p.Rewards(V1, 5, "ujuno");
    }

    [Fact]
    public void ClaimRewards_fails_with_NoRewardsToClaim_without_a_stake_or_below_one_token()
    {
        var p = new ProviderFixture();
        var error = p.H.ExecuteFails(Alice, new ProviderMsg.Execute.ClaimRewards(V1));
        Assert.IsType<ProviderError.NoRewardsToClaim>(error);
        Assert.Equal("No rewards to be claimed", error.Message);
        p.StakeRemotely(Alice, 3);
        p.StakeRemotely(Bob, 7);
        p.Rewards(V1, 1);                                // Alice: 0.3
        p.SetRewardsBalance(1);
        Assert.IsType<ProviderError.NoRewardsToClaim>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.ClaimRewards(V1)));
    }

    [Fact]
    public void ClaimRewards_fails_with_WrongBalance_before_the_ics20_tokens_arrive_and_keeps_nothing()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.Rewards(V1, 50);
        Assert.Equal(new ProviderError.WrongBalance(0, 50), p.H.ExecuteFails(Alice, new ProviderMsg.Execute.ClaimRewards(V1)));
        p.SetRewardsBalance(50);
        Assert.Equal([Pay(Alice, 50)], p.H.Execute(Alice, new ProviderMsg.Execute.ClaimRewards(V1)).Messages.Select(m => m.Msg).ToArray());
    }

    [Fact]
    public void ClaimRewards_fails_with_UnknownValidator()
    {
        var p = new ProviderFixture();
        Assert.IsType<ProviderError.UnknownValidator>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.ClaimRewards("junovaloper1nobody")));
    }
}
