using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>README "Unstaking" and "Claiming tokens": unstake → Unstake packet → unbonding claim → release → withdraw.</summary>
public class UnstakeTests : TestKit
{
    private readonly ITestOutputHelper _output;

    public UnstakeTests(ITestOutputHelper output) : base(output: output) => _output = output;

    [Fact]
    public async Task An_unstaked_claim_is_released_after_the_unbonding_period_and_the_tokens_go_back_to_the_user()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "unstake")).KeepingHistory();
        var link = await net.StartLinkedAsync(Juno);
        var j1 = FirstValidator(Juno);
        await net.BondAsync(link, Alice, 5_000);
        await net.GrantClaimAsync(link, Alice, 3_000, j1);
        await net.RunForAsync(30);
        Assert.Equal((Amount)3_000, (await net.RemoteStakeAsync(link, j1)).Amount);
        Assert.Equal((Amount)1_300, await net.ValidatorTokensAsync(Juno, j1));

        var unstake = await net.ProviderAsync(link, Alice, new ProviderMsg.Execute.Unstake(3_000, j1.Value));
        Assert.True(unstake.IsSuccess, unstake.ToString());
        var moving = await net.ProviderAccountAsync(link, Alice);
        Assert.Equal((Amount)3_000, Assert.Single(moving.InFlightUnstakes).Amount);
        await net.RunForAsync(30);

        // the consumer undelegated; the provider turned the ack into an unbonding claim maturing one day after it
        Assert.Equal((Amount.Zero, Amount.Zero), ((await net.RemoteStakeAsync(link, j1)).Amount, await net.MetaDelegationAsync(link, j1)));
        Assert.Equal((Amount)1_000, await net.ValidatorTokensAsync(Juno, j1));
        var history = await net.HistoryAsync();
        var ackAt = history.OfType<EmulatorEvent.PacketAcknowledged>()
            .Last(e => e.Chain == Osmosis && e.Packet.Source.PortId == link.MeshEnds.PortA).Time;
        var config = await net.QueryAsync<ProviderMsg.ConfigResponse>(Osmosis, link.Provider, new ProviderMsg.Query.Config());
        Assert.Equal(UnbondingSeconds, config.UnbondingPeriod); // the longer of osmosis' and juno's, both one day here
        var account = await net.ProviderAccountAsync(link, Alice);
        var claim = Assert.Single(account.Unbonding);
        Assert.Equal(((Amount)3_000, ackAt.PlusSeconds(UnbondingSeconds)), (claim.Amount, claim.ReleaseAt));
        Assert.Empty(account.InFlightUnstakes);

        // before maturity: nothing to claim, and the lockup still holds the claim
        var early = await net.ProviderAsync(link, Alice, new ProviderMsg.Execute.Unbond());
        Assert.Equal("NothingToClaim", early.Error?.Kind);
        var locked = await net.LockupAsync(link, Alice, new LockupMsg.Execute.Unbond(5_000));
        Assert.Equal("ClaimsLocked", locked.Error?.Kind);
        await net.RunUntilAsync(claim.ReleaseAt.MinusSeconds(30));
        var late = await net.ProviderAsync(link, Alice, new ProviderMsg.Execute.Unbond());
        Assert.Equal("NothingToClaim", late.Error?.Kind);

        await net.RunUntilAsync(claim.ReleaseAt);
        var unbond = await net.ProviderAsync(link, Alice, new ProviderMsg.Execute.Unbond());
        Assert.True(unbond.IsSuccess, unbond.ToString());
        var balance = await net.LockupBalanceAsync(link, Alice);
        Assert.Empty(balance.Claims);
        Assert.Equal(((Amount)5_000, (Amount)5_000), (balance.Bonded, balance.Free));
        Assert.Empty((await net.ProviderAccountAsync(link, Alice)).Unbonding);

        var withdraw = await net.LockupAsync(link, Alice, new LockupMsg.Execute.Unbond(5_000));
        Assert.True(withdraw.IsSuccess, withdraw.ToString());
        Assert.Equal(UserFunds, await net.BalanceAsync(Osmosis, Alice, "uosmo"));
        Assert.Equal(Amount.Zero, await net.BalanceAsync(Osmosis, link.Lockup, "uosmo"));
        history = await net.HistoryAsync();
        var released = history.Actions(Osmosis, LockupEvents.ReleaseClaim, link.Lockup).ToList();
        Assert.Equal("3000", Assert.Single(released).Event.Get(LockupEvents.AmountKey));
        _output.WriteLine($"unstake acked at {ackAt}, claim released at {history.Executed(unbond).Time}");
    }
}
