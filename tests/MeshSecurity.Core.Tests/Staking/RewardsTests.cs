using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.Staking;

public sealed class RewardsTests
{
    private static Coins Stake(ulong amount) => Coins.Of(Denom, amount);

    /// <summary>A with Alice's 100 and B with Bob's 300, both bonded, 10 ustake minted per block.</summary>
    private static StakingHarness TwoValidators(ulong blockReward = 10)
    {
        var h = new StakingHarness(DefaultConfig with { BlockReward = blockReward });
        h.CreateValidator(ValA, Alice, 100);
        h.CreateValidator(ValB, Bob, 300);
        h.EndBlock();
        h.NextBlock();
        return h;
    }

    [Fact]
    public void Block_rewards_are_split_by_stake_and_the_remainder_stays_in_the_distribution_account()
    {
        var h = TwoValidators();
        var supply = h.Supply;

        h.DistributeRewards();

        Assert.Equal(supply + 10, h.Supply);
        Assert.Equal((Amount)10, h.Balance(h.Distribution));
        Assert.Equal(Dec.Parse("0.02"), h.Validator(ValA).RewardsPerShare);                 // floor(10 × 100/400) = 2 over 100 shares
        Assert.Equal(Dec.Parse("0.023333333333333333"), h.Validator(ValB).RewardsPerShare); // floor(10 × 300/400) = 7 over 300 shares
        Assert.Equal(Stake(2), h.State.AccumulatedRewards(Alice, ValA));
        Assert.Equal(Stake(6), h.State.AccumulatedRewards(Bob, ValB));                     // 6.9999999999999999
        Assert.Equal(["2ustake", "7ustake"],
            h.Events.Where(e => e.Type == StakingEvents.Rewards)
                .OrderBy(e => new Addr(e.Get(StakingEvents.ValidatorKey)!) == ValA ? 0 : 1)
                .Select(e => e.Get(StakingEvents.AmountKey)!));
    }

    [Fact]
    public void WithdrawRewards_pays_the_floor_and_keeps_the_fraction_for_later()
    {
        var h = TwoValidators();
        h.DistributeRewards();

        Assert.Equal(Stake(6), h.Withdraw(Bob, ValB));
        Assert.Equal(Dec.Parse("0.9999999999999999"), h.Delegation(Bob, ValB)!.PendingRewards);
        Assert.Equal((Amount)1_000_000 - 300 + 6, h.Balance(Bob));
        Assert.Equal("6ustake", h.LastEvent(StakingEvents.WithdrawRewards).Get(StakingEvents.AmountKey));

        h.NextBlock();
        h.DistributeRewards();                            // + 6.9999999999999999: pending 7.9999999999999998
        Assert.Equal(Stake(7), h.State.AccumulatedRewards(Bob, ValB));
        Assert.Equal(Stake(7), h.Withdraw(Bob, ValB));
        Assert.Equal(Dec.Parse("0.9999999999999998"), h.Delegation(Bob, ValB)!.PendingRewards);

        Assert.Equal(Stake(4), h.Withdraw(Alice, ValA));
        Assert.Equal((Amount)3, h.Balance(h.Distribution));   // 20 minted − 6 − 7 − 4
        Assert.True(h.Withdraw(Alice, ValA).IsEmpty);
    }

    [Fact]
    public void Rewards_of_one_validator_are_split_among_its_delegators_by_shares()
    {
        var h = new StakingHarness(DefaultConfig with { BlockReward = 10 });
        h.CreateValidator(ValA, Alice, 100);
        h.Delegate(Carol, ValA, 50);
        h.EndBlock();

        h.DistributeRewards();

        Assert.Equal(Dec.Parse("0.066666666666666666"), h.Validator(ValA).RewardsPerShare);
        Assert.Equal(Stake(6), h.Withdraw(Alice, ValA));   // 6.6666666666666666
        Assert.Equal(Stake(3), h.Withdraw(Carol, ValA));   // 3.3333333333333333
        Assert.Equal((Amount)1, h.Balance(h.Distribution));
    }

    [Fact]
    public void Rewards_go_only_to_bonded_validators_that_are_not_jailed()
    {
        var h = TwoValidators();
        h.CreateValidator(ValC, Carol, 400);              // not bonded until the next EndBlock
        h.Jail(ValA, h.State.Time.PlusSeconds(60));       // still Bonded, but jailed

        h.DistributeRewards();

        Assert.Equal(Dec.Zero, h.Validator(ValA).RewardsPerShare);
        Assert.Equal(Dec.Zero, h.Validator(ValC).RewardsPerShare);
        Assert.Equal(Stake(9), h.State.AccumulatedRewards(Bob, ValB));   // 300 × floor(10/300 to 18 digits)
    }

    [Fact]
    public void DistributeBlockRewards_is_a_noop_when_the_reward_is_zero_or_nothing_is_bonded()
    {
        var zero = TwoValidators(blockReward: 0);
        var writes = zero.State.Undo.Count;
        zero.State.DistributeBlockRewards(zero.Events);
        Assert.Equal(writes, zero.State.Undo.Count); // nothing written: neither a mint nor a validator

        var h = new StakingHarness(DefaultConfig with { BlockReward = 10 });
        h.CreateValidator(ValA, Alice, 100);              // unbonded: no EndBlock yet
        writes = h.State.Undo.Count;
        h.State.DistributeBlockRewards(h.Events);
        Assert.Equal(writes, h.State.Undo.Count);
    }

    [Fact]
    public void Delegate_and_Undelegate_pay_out_the_settled_rewards_first()
    {
        var h = TwoValidators();
        h.DistributeRewards();

        h.Delegate(Bob, ValB, 1);
        Assert.Equal("6ustake", h.LastEvent(StakingEvents.WithdrawRewards).Get(StakingEvents.AmountKey));
        Assert.Equal((Amount)1_000_000 - 300 + 6 - 1, h.Balance(Bob));
        Assert.Equal(h.Validator(ValB).RewardsPerShare, h.Delegation(Bob, ValB)!.PaidRewardsPerShare);

        h.Undelegate(Alice, ValA, 100);
        Assert.Equal((Amount)1_000_000 - 100 + 2, h.Balance(Alice));
        Assert.Null(h.Delegation(Alice, ValA));
    }

    [Fact]
    public void A_new_delegation_earns_nothing_from_earlier_blocks()
    {
        var h = TwoValidators();
        h.DistributeRewards();
        h.Delegate(Carol, ValB, 100);
        Assert.True(h.State.AccumulatedRewards(Carol, ValB).IsEmpty);

        h.DistributeRewards();                            // B: floor(10 × 400/500) = 8 over 400 shares = 0.02
        Assert.Equal(Stake(2), h.State.AccumulatedRewards(Carol, ValB));
    }

    [Fact]
    public void WithdrawRewards_fails_with_DelegationNotFound_without_a_delegation()
    {
        var h = TwoValidators();
        h.Fails<StakingError.DelegationNotFound>(s => s.WithdrawRewards(Carol, ValA, h.Events));
        Assert.True(h.State.AccumulatedRewards(Carol, ValA).IsEmpty);
    }

    [Fact]
    public void The_distribution_account_can_always_pay_every_delegator()
    {
        var h = new StakingHarness(DefaultConfig with { BlockReward = 11, MaxValidators = 2 });
        h.CreateValidator(ValA, Alice, 7);
        h.CreateValidator(ValB, Bob, 13);
        h.CreateValidator(ValC, Carol, 29);
        h.Delegate(Alice, ValC, 3);
        h.Delegate(Bob, ValA, 17);
        h.Delegate(Carol, ValB, 15);                     // C 32, B 28, A 24: A waits until Bob's top-ups lift it
        h.EndBlock();

        for (var block = 1; block <= 60; block++)
        {
            h.NextBlock();
            h.DistributeRewards();                        // the harness checks after every step that it holds all it owes
            if (block % 7 == 0) h.Delegate(Bob, ValA, 3);
            if (block % 11 == 0) h.Undelegate(Carol, ValC, 1);
            if (block == 20) h.Slash(ValB, h.State.Height, Dec.Parse("0.333333333333333333"));
            if (block % 5 == 0) h.Withdraw(Carol, ValB);
            h.EndBlock();
        }
        Assert.All([ValA, ValB, ValC], v => Assert.True(h.Validator(v).RewardsPerShare > Dec.Zero));   // each was bonded a while
        Assert.Equal(BondStatus.Unbonding, h.Validator(ValB).Status);
        foreach (var d in h.State.Staking.Delegations.Values.ToList()) h.Withdraw(d.Delegator, d.Validator);

        // every payout, explicit or automatic, emits withdraw_rewards: minted = paid + what is left
        var paid = h.Events.Where(e => e.Type == StakingEvents.WithdrawRewards)
            .Aggregate(Amount.Zero, (sum, e) => sum + Amount.Parse(e.Get(StakingEvents.AmountKey)![..^Denom.Length]));
        Assert.Equal((Amount)660, h.State.Bank.Minted[Denom]);
        Assert.Equal(h.State.Bank.Minted[Denom], paid + h.Balance(h.Distribution));
        // what is left is dust: at most one token per bonded validator per block, plus a fraction per delegation
        Assert.True(h.Balance(h.Distribution) <= (Amount)(60 * 2 + 6), $"left {h.Balance(h.Distribution)}");
    }
}
