using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Math;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>README "Cross-staking": lockup → provider → Stake packet → consumer → meta-staking → x/staking, through the relayer.</summary>
public class CrossStakeTests : TestKit
{
    public CrossStakeTests(ITestOutputHelper output) : base(output: output) { }

    [Fact]
    public async Task A_cross_stake_becomes_a_delegation_of_floor_amount_times_rate_on_the_consumer_and_locks_the_claim()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "cross-stake"));
        var link = await net.StartLinkedAsync(Juno);
        var (j1, j2) = (FirstValidator(Juno), SecondValidator(Juno));

        await net.BondAsync(link, Alice, 5_000);
        await net.GrantClaimAsync(link, Alice, 3_337, j1);
        // P3: the stake counts on the provider only when the consumer's ack is back (the ack cannot be in yet: the
        // provider's next block is 6 s after the grant and the relayer needs 2 s to each side)
        var inFlight = await net.ProviderStakeAsync(link, j1);
        Assert.Equal(Amount.Zero, inFlight.Tokens);
        Assert.Equal((Amount)3_337, inFlight.InFlightStake);

        await net.BondAsync(link, Bob, 2_000);
        await net.GrantClaimAsync(link, Bob, 1_005, j2);
        await net.RunForAsync(60);

        // consumer: remote stake in provider tokens, delegation floor(amount × 0.1)
        var r1 = await net.RemoteStakeAsync(link, j1);
        var r2 = await net.RemoteStakeAsync(link, j2);
        Assert.Equal(((Amount)3_337, (Amount)333), (r1.Amount, r1.LocalAmount));
        Assert.Equal(((Amount)1_005, (Amount)100), (r2.Amount, r2.LocalAmount));
        Assert.Equal((Amount)333, await net.MetaDelegationAsync(link, j1));
        Assert.Equal((Amount)100, await net.MetaDelegationAsync(link, j2));
        Assert.Equal((Amount)333, await net.ChainDelegationAsync(link, j1));
        Assert.Equal((Amount)100, await net.ChainDelegationAsync(link, j2));
        Assert.Equal((Amount)(1_000 + 333), await net.ValidatorTokensAsync(Juno, j1));
        Assert.Equal((Amount)(2_000 + 100), await net.ValidatorTokensAsync(Juno, j2));

        // provider: the acked stakes, nothing in flight
        var p1 = await net.ProviderStakeAsync(link, j1);
        Assert.Equal(((Amount)3_337, Amount.Zero), (p1.Tokens, p1.InFlightStake));
        Assert.Equal((Amount)1_005, (await net.ProviderStakeAsync(link, j2)).Tokens);
        var account = await net.ProviderAccountAsync(link, Alice);
        Assert.Equal((Amount)3_337, Assert.Single(account.Staked, s => s.Validator == j1.Value).Tokens);
        Assert.Empty(account.InFlightStakes);

        // lockup: bonded stays, the claim locks it, free = bonded − max claim
        var alice = await net.LockupBalanceAsync(link, Alice);
        Assert.Equal(((Amount)5_000, (Amount)1_663), (alice.Bonded, alice.Free));
        var claim = Assert.Single(alice.Claims);
        Assert.Equal((link.Provider, (Amount)3_337), (claim.Lienholder, claim.Amount));
        var bob = await net.LockupBalanceAsync(link, Bob);
        Assert.Equal(((Amount)2_000, (Amount)995), (bob.Bonded, bob.Free));
        Assert.Equal(UserFunds - 5_000, await net.BalanceAsync(Osmosis, Alice, "uosmo"));
        Assert.Equal((Amount)7_000, await net.BalanceAsync(Osmosis, link.Lockup, "uosmo"));
    }
}
