using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

public sealed class ProviderSlashTests
{
    private static (string, Amount)[] Sorted(params (Addr Owner, ulong Amount)[] slashes) =>
        [.. slashes.OrderBy(s => s.Owner).Select(s => (s.Owner.Value, (Amount)s.Amount))];

    [Fact]
    public void Slash_fails_with_Unauthorized_unless_sent_by_the_slasher()
    {
        var p = new ProviderFixture();
        Assert.IsType<ProviderError.Unauthorized>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.Slash(V1, Dec.Percent(10), false)));
    }

    [Fact]
    public void Slash_fails_with_ZeroAmount_InvalidPercentage_or_UnknownValidator()
    {
        var p = new ProviderFixture();
        Assert.IsType<ProviderError.ZeroAmount>(p.H.ExecuteFails(SlasherAddr, new ProviderMsg.Execute.Slash(V1, Dec.Zero, false)));
        Assert.Equal(new ProviderError.InvalidPercentage(Dec.Parse("1.5")),
            p.H.ExecuteFails(SlasherAddr, new ProviderMsg.Execute.Slash(V1, Dec.Parse("1.5"), false)));
        Assert.IsType<ProviderError.UnknownValidator>(p.H.ExecuteFails(SlasherAddr, new ProviderMsg.Execute.Slash("junovaloper1nobody", Dec.Percent(10), false)));
    }

    /// <summary>
    /// Alice 1000 and Bob 333 on V1, slashed 10%: multiplier 0.9; Alice 1000 → 900 (100), Bob floor(333 × 0.9) = 299 (34).
    /// Then 10% again: multiplier 0.81; Alice 810 (90), Bob floor(333 × 0.81) = 269 (30).
    /// </summary>
    [Fact]
    public void An_eager_slash_realises_every_stakers_loss_at_once_and_tells_lockup_and_consumer()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.StakeRemotely(Bob, 333);

        var r = p.Slash(V1, "0.1");
        var toLockup = Assert.Single(NonPackets(r));
        Assert.Equal(Sorted((Alice, 100), (Bob, 34)), SlashClaimsOf(toLockup));
        Assert.Equal([new ProviderPacket.Burn(V1, 134)], SentPackets(r).ToArray());
        Assert.Equal(new ProviderMsg.StakeInfo(V1, 900, 0), p.StakeOf(Alice));
        Assert.Equal(new ProviderMsg.StakeResponse(V1, 1199, 0, 0, 0), p.Stake());
        Assert.Equal(new ProviderMsg.ValidatorResponse(V1, 1199, ProviderState.ValidatorStatus.Active, Dec.Parse("0.9")), p.Validator(V1));

        r = p.Slash(V1, "0.1");
        Assert.Equal(Sorted((Alice, 90), (Bob, 30)), SlashClaimsOf(NonPackets(r).Single()));
        Assert.Equal([new ProviderPacket.Burn(V1, 120)], SentPackets(r).ToArray());
        Assert.Equal(Dec.Parse("0.81"), p.Validator(V1).Multiplier);
    }

    [Fact]
    public void A_lazy_slash_only_moves_the_multiplier_and_unstake_realises_it()
    {
        var p = new ProviderFixture(MeshProfile.Prototype2022);
        p.StakeRemotely(Alice, 1000);
        var r = p.Slash(V1, "0.1");
        Assert.Empty(r.Messages);
        Assert.Equal(new ProviderMsg.StakeInfo(V1, 900, 100), p.StakeOf(Alice));
        Assert.Equal((Amount)1000, p.Stake().Tokens);

        Assert.IsType<ProviderError.InsufficientStake>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.Unstake(901, V1)));
        var unstake = p.H.Execute(Alice, new ProviderMsg.Execute.Unstake(900, V1));
        Assert.Equal([ToLockup(new LockupMsg.Execute.SlashClaim(Alice.Value, 100))], NonPackets(unstake).ToArray());
        Assert.Equal([new ProviderPacket.Unstake(V1, 900, Alice.Value)], SentPackets(unstake).ToArray());
    }

    [Fact]
    public void Force_unbond_tombstones_the_validator()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.Slash(V1, "0.05", forceUnbond: true);
        Assert.Equal(ProviderState.ValidatorStatus.Tombstoned, p.Validator(V1).Status);
        Assert.IsType<ProviderError.RemovedValidator>(p.H.ExecuteFails(LockupAddr, new ProviderMsg.Execute.ReceiveClaim(Alice.Value, 1, V1)));
        Assert.Equal(new ProviderPacket.Unstake(V1, 950, Alice.Value), Decode(p.Unstake(Alice, 950)));
    }

    [Fact]
    public void A_full_slash_takes_everything_and_leaves_a_zero_multiplier()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.StakeRemotely(Bob, 333);
        var r = p.Slash(V1, "1");
        Assert.Equal(Sorted((Alice, 1000), (Bob, 333)), SlashClaimsOf(NonPackets(r).Single()));
        Assert.Equal([new ProviderPacket.Burn(V1, 1333)], SentPackets(r).ToArray());
        Assert.Equal(Dec.Zero, p.Validator(V1).Multiplier);
        Assert.IsType<ProviderError.InsufficientStake>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.Unstake(1, V1)));
    }

    /// <summary>B12: claims that started at or after the infraction lose the percentage; older ones do not.</summary>
    [Fact]
    public void B12_an_eager_slash_reaches_unbonding_claims_started_after_the_infraction()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.UnstakeAcked(Alice, 300);
        p.SkipTime(100);
        var infraction = p.H.Time;
        p.UnstakeAcked(Alice, 200);
        p.SkipTime(100);

        var r = p.Slash(V1, "0.1", infraction: infraction);
        Assert.Equal(Sorted((Alice, 50 + 20)), SlashClaimsOf(NonPackets(r).Single()));
        Assert.Equal([new ProviderPacket.Burn(V1, 50)], SentPackets(r).ToArray());
        Assert.Equal([(Amount)300, (Amount)180], p.Account(Alice).Unbonding.Select(u => u.Amount).ToArray());
    }

    [Fact]
    public void B12_without_an_infraction_time_no_claim_is_slashed()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.UnstakeAcked(Alice, 300);
        var r = p.Slash(V1, "0.1");
        Assert.Equal(Sorted((Alice, 70)), SlashClaimsOf(NonPackets(r).Single()));
        Assert.Equal((Amount)300, p.Account(Alice).Unbonding.Single().Amount);
    }

    /// <summary>
    /// Alice 1000, unstake 400 in flight, slash 50%: active 600 → 300 (Burn 300), in flight 400 → 200. The unstake then
    /// fails: 200 returns to the stake with a Burn of 200, so the consumer (1000 − 300 − 200) agrees at 500.
    /// </summary>
    [Fact]
    public void A_slash_reaches_an_in_flight_unstake_and_its_failure_burns_the_slashed_part()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        var unstake = p.Unstake(Alice, 400);
        var r = p.Slash(V1, "0.5", infraction: p.H.Time);
        Assert.Equal(Sorted((Alice, 500)), SlashClaimsOf(NonPackets(r).Single()));
        Assert.Equal([new ProviderPacket.Burn(V1, 300)], SentPackets(r).ToArray());
        Assert.Equal([new ProviderMsg.InFlightInfo(V1, 200)], p.Account(Alice).InFlightUnstakes.ToArray());

        var failed = p.AckError(unstake);
        Assert.Equal([new ProviderPacket.Burn(V1, 200)], SentPackets(failed).ToArray());
        Assert.Equal((Amount)500, p.Stake().Tokens);
        Assert.Equal((Amount)500, p.TokensOf(Alice));
    }

    [Fact]
    public void A_slashed_in_flight_unstake_that_succeeds_becomes_a_smaller_claim()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        var unstake = p.Unstake(Alice, 400);
        p.Slash(V1, "0.5", infraction: p.H.Time);
        p.AckOk(unstake, new ProviderPacketAck.Unstake());
        Assert.Equal((Amount)200, p.Account(Alice).Unbonding.Single().Amount);
        Assert.Equal((Amount)300, p.Stake().Tokens);
    }

    /// <summary>Rewards before a slash are settled on the pre-slash tokens when eager; the 2022 code settles them later on fewer tokens.</summary>
    [Theory]
    [InlineData(true, 100)]
    [InlineData(false, 50)]
    public void Rewards_earned_before_a_slash_are_kept_only_by_the_eager_slash(bool eager, ulong pending)
    {
        var p = new ProviderFixture(MeshProfile.Intended with { EagerSlashPropagation = eager });
        p.StakeRemotely(Alice, 1000);
        p.Rewards(V1, 100);
        p.Slash(V1, "0.5");
        var rewards = p.H.Query<ProviderMsg.PendingRewardsResponse>(new ProviderMsg.Query.PendingRewards(Alice.Value, V1));
        Assert.Equal((Amount)pending, rewards.Rewards);
    }
}
