using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

/// <summary>
/// The slash warranty: a slash reaches every stake slashable at the infraction, including an unstake still in flight
/// (the consumer holds that delegation until the packet arrives) whenever it was asked, whatever then happens to it.
/// </summary>
public sealed class ProviderSlashWarrantyTests
{
    public enum Outcome
    {
        Commit,
        ErrorAck,
        Timeout,
    }

    /// <summary>
    /// Alice 1000 on V1 unstakes 400; 100 s later V1 double-signs and is slashed 5 %: active 600 → 570 (Burn 30), in flight
    /// 400 → 380. The lockup is charged 50, so the lien falls to 950 (not 970). If the unstake then commits, Alice keeps
    /// 570 staked and a claim of 380; if it fails, 380 comes back to her stake and the consumer gets a Burn of the 20.
    /// </summary>
    [Theory]
    [InlineData(Outcome.Commit, 570, 380, 0)]
    [InlineData(Outcome.ErrorAck, 950, 0, 20)]
    [InlineData(Outcome.Timeout, 950, 0, 20)]
    public void An_unstake_in_flight_at_the_infraction_is_slashed_and_stays_slashed(Outcome outcome, ulong staked, ulong claim, ulong burn)
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        var unstake = p.Unstake(Alice, 400);
        p.SkipTime(100);

        var slash = p.Slash(V1, "0.05", forceUnbond: true, infraction: p.H.Time);
        Assert.Equal([(Alice.Value, (Amount)50)], SlashClaimsOf(NonPackets(slash).Single()));
        Assert.Equal([new ProviderPacket.Burn(V1, 30)], SentPackets(slash).ToArray());
        Assert.Equal([new ProviderMsg.InFlightInfo(V1, 380)], p.Account(Alice).InFlightUnstakes.ToArray());
        var wasm = slash.Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal(("50", "1000"), (wasm[ProviderEvents.AmountKey], wasm[ProviderEvents.SlashableKey]));

        var settled = outcome switch
        {
            Outcome.Commit => p.AckOk(unstake, new ProviderPacketAck.Unstake()),
            Outcome.ErrorAck => p.AckError(unstake),
            _ => p.Timeout(unstake),
        };
        Assert.Equal(burn == 0 ? [] : [new ProviderPacket.Burn(V1, burn)], SentPackets(settled).ToArray());
        Assert.Empty(NonPackets(settled));                                 // nothing goes back to the lockup unslashed
        Assert.Equal((Amount)staked, p.TokensOf(Alice));
        Assert.Equal(claim, (ulong)p.Account(Alice).Unbonding.Select(u => u.Amount).Aggregate(Amount.Zero, (s, a) => s + a).Value);
        Assert.Empty(p.Account(Alice).InFlightUnstakes);
    }

    /// <summary>Without an infraction time (no claim is covered) an in-flight unstake is still held by the consumer: slashed.</summary>
    [Fact]
    public void An_in_flight_unstake_is_slashed_even_without_an_infraction_time()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.Unstake(Alice, 400);
        var slash = p.Slash(V1, "0.1");
        Assert.Equal([(Alice.Value, (Amount)100)], SlashClaimsOf(NonPackets(slash).Single()));
        Assert.Equal([new ProviderMsg.InFlightInfo(V1, 360)], p.Account(Alice).InFlightUnstakes.ToArray());
    }

    /// <summary>
    /// An unstake asked before the infraction whose ack came after it: the consumer may have held the delegation at the
    /// infraction, so its claim is slashed (production: release_at − unbonding_period &gt; infraction_time). A claim
    /// acknowledged before the infraction is not.
    /// </summary>
    [Fact]
    public void A_claim_acknowledged_after_the_infraction_is_slashed_and_one_acknowledged_before_is_not()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.UnstakeAcked(Alice, 100);                                        // let go before the infraction
        var late = p.Unstake(Alice, 300);
        p.SkipTime(100);
        var infraction = p.H.Time;
        p.SkipTime(50);
        p.AckOk(late, new ProviderPacketAck.Unstake());                    // let go after it

        var slash = p.Slash(V1, "0.1", infraction: infraction);
        Assert.Equal([(Alice.Value, (Amount)(60 + 30))], SlashClaimsOf(NonPackets(slash).Single()));
        Assert.Equal([(Amount)100, (Amount)270], p.Account(Alice).Unbonding.Select(u => u.Amount).ToArray());
        Assert.Equal("900", slash.Attributes.Single(a => a.Key == ProviderEvents.SlashableKey).Value);
    }

    [Theory]
    [InlineData("0.05", 1000, 50, null)]
    [InlineData("0.05", 1000, 51, null)]
    [InlineData("0.05", 1000, 30, "slashed 30 of 1000 slashable at 0.05: at least 50 was due")]
    [InlineData("0.5", 3, 1, null)]
    [InlineData("1", 10, 11, "slashed 11, more than the 10 slashable")]
    public void The_warranty_holds_a_slash_to_its_share_of_the_slashable_stake(string p, ulong slashable, ulong slashed, string? wrong)
    {
        Assert.Equal(wrong, SlashWarranty.Check(Dec.Parse(p), slashable, slashed));
    }
}
