using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.Staking;

/// <summary>The annual reward rate: floor(tokens × rate × elapsed / 365 days) per validator and block, minted exactly.</summary>
public sealed class RewardRateTests
{
    /// <summary>A with Alice's 100,000,000 and B with Bob's 300,000,000, both bonded; Carol delegates 50,000,000 to A.</summary>
    private static StakingHarness TwoValidators(string rate, ulong blockReward = 0)
    {
        var config = DefaultConfig with { BlockRewardRate = Dec.Parse(rate), BlockReward = blockReward };
        var h = new StakingHarness(config, fundsEach: 1_000_000_000);
        h.CreateValidator(ValA, Alice, 100_000_000);
        h.Delegate(Carol, ValA, 50_000_000);
        h.CreateValidator(ValB, Bob, 300_000_000);
        h.EndBlock();
        return h;
    }

    /// <summary>
    /// 10 % a year over one day: A (150,000,000 tokens) earns floor(150,000,000 × 0.1 / 365) = 41,095 and B
    /// floor(300,000,000 × 0.1 / 365) = 82,191; exactly 123,286 are minted. Alice has 2/3 of A's shares, Carol 1/3.
    /// </summary>
    [Fact]
    public void Each_validator_earns_its_tokens_times_the_rate_over_the_time_since_the_last_block()
    {
        var h = TwoValidators("0.1");
        var supply = h.Supply;

        h.Apply(s => s.DistributeBlockRewards(h.Events, 24 * 3600 * Timestamp.NanosPerSecond));

        Assert.Equal(supply + 41_095 + 82_191, h.Supply);
        Assert.Equal((Amount)123_286, h.Balance(h.Distribution));
        Assert.Equal(Coins.Of(Denom, 27_396), h.State.AccumulatedRewards(Alice, ValA));   // 41,095 × 2/3 = 27,396.67
        Assert.Equal(Coins.Of(Denom, 13_698), h.State.AccumulatedRewards(Carol, ValA));   // 41,095 × 1/3 = 13,698.33
        Assert.Equal(Coins.Of(Denom, 82_191), h.State.AccumulatedRewards(Bob, ValB));
    }

    [Theory]
    [InlineData("0.1", 6, 100_000_000, 1)]            // 100,000,000 × 0.1 × 6 / 31,536,000 = 1.9: floored
    [InlineData("0.05", 3600, 1_000_000_000, 5707)]   // 1,000,000,000 × 0.05 × 3600 / 31,536,000 = 5,707.76
    [InlineData("0", 3600, 1_000_000_000, 0)]
    [InlineData("1", 31_536_000, 7, 7)]               // a whole year at 100 %: the tokens themselves
    public void The_share_is_floored_from_the_exact_product(string rate, ulong seconds, ulong tokens, ulong share)
    {
        Assert.Equal((Amount)share, StakingModule.RateShare(tokens, Dec.Parse(rate), seconds * Timestamp.NanosPerSecond));
    }

    [Fact]
    public void A_fixed_reward_and_a_rate_add_up()
    {
        var h = TwoValidators("0.1", blockReward: 10);
        var supply = h.Supply;
        h.Apply(s => s.DistributeBlockRewards(h.Events, 24 * 3600 * Timestamp.NanosPerSecond));
        // fixed: floor(10 × 150/450) = 3 and floor(10 × 300/450) = 6 (10 minted, 1 of dust kept)
        Assert.Equal(supply + 10 + 123_286, h.Supply);
        Assert.Equal(["41098ustake", "82197ustake"], h.Events.Where(e => e.Type == StakingEvents.Rewards)
            .OrderBy(e => new Addr(e.Get(StakingEvents.ValidatorKey)!) == ValA ? 0 : 1).Select(e => e.Get(StakingEvents.AmountKey)!));
    }

    [Fact]
    public void Without_time_since_the_previous_block_a_rate_pays_nothing()
    {
        var h = TwoValidators("0.1");
        var supply = h.Supply;
        h.Apply(s => s.DistributeBlockRewards(h.Events));   // no elapsed time: nothing
        Assert.Equal(supply, h.Supply);
    }
}
