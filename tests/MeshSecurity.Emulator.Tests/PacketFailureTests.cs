using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>A Stake packet that fails (timeout or error ack) is rolled back: the lockup claim is released exactly once (D2).</summary>
public class PacketFailureTests : TestKit
{
    private readonly ITestOutputHelper _output;

    public PacketFailureTests(ITestOutputHelper output) : base(output: output) => _output = output;

    [Fact]
    public async Task A_stake_packet_that_times_out_while_the_relayer_is_down_releases_the_claim_once()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "timeout")).KeepingHistory();
        await net.AddChainsAsync(Juno);
        var link = await net.LinkAsync(LinkTo(Juno, packetLifetime: 60));
        var j1 = FirstValidator(Juno);
        await net.BondAsync(link, Alice, 5_000);

        var paused = await net.PauseRelayerAsync(link.MeshChannelId);
        Assert.True(paused.Paused);
        var grant = await net.GrantClaimAsync(link, Alice, 3_000, j1);
        await net.RunForAsync(120);
        // two minutes later nothing moved: the claim is held, the stake in flight, the consumer never heard of it
        Assert.Equal((Amount)3_000, (await net.ProviderStakeAsync(link, j1)).InFlightStake);
        Assert.Equal((Amount)2_000, (await net.LockupBalanceAsync(link, Alice)).Free);
        Assert.Equal(Amount.Zero, (await net.RemoteStakeAsync(link, j1)).Amount);

        await net.ResumeRelayerAsync(link.MeshChannelId);
        await net.RunForAsync(30);

        var info = await net.ChannelInfoAsync(link.MeshChannelId);
        Assert.Equal(1, info.TimedOut);
        Assert.Equal(0, info.Pending);
        var history = await net.HistoryAsync();
        var sent = history.OfType<EmulatorEvent.PacketSent>().Single(e => e.Chain == Osmosis && e.Height == history.Executed(grant).Height);
        var timedOut = Assert.Single(history.OfType<EmulatorEvent.PacketTimedOut>());
        Assert.Equal((Osmosis, sent.Packet.Sequence), (timedOut.Chain, timedOut.Packet.Sequence));
        Assert.DoesNotContain(history.OfType<EmulatorEvent.AcknowledgementWritten>(), e => e.Chain == Juno && e.Packet.Sequence == sent.Packet.Sequence
                                                                                          && e.Packet.Destination.PortId == link.MeshEnds.PortB);
        _output.WriteLine($"stake packet #{sent.Packet.Sequence} sent at {sent.Time}, timed out on osmosis at {timedOut.Time} (height {timedOut.Height})");

        Assert.Equal("3000", Assert.Single(history.ContractEvents(Osmosis, ProviderEvents.FailedStake)).Event.Get(ProviderEvents.AmountKey));
        var released = history.Actions(Osmosis, LockupEvents.ReleaseClaim, link.Lockup).ToList();
        Assert.Equal("3000", Assert.Single(released).Event.Get(LockupEvents.AmountKey));
        var balance = await net.LockupBalanceAsync(link, Alice);
        Assert.Empty(balance.Claims);
        Assert.Equal(((Amount)5_000, (Amount)5_000), (balance.Bonded, balance.Free));
        var stake = await net.ProviderStakeAsync(link, j1);
        Assert.Equal((Amount.Zero, Amount.Zero), (stake.Tokens, stake.InFlightStake));
        Assert.Equal(Amount.Zero, (await net.RemoteStakeAsync(link, j1)).Amount);
        Assert.Equal((Amount)1_000, await net.ValidatorTokensAsync(Juno, j1));

        // the channel still works afterwards
        await net.GrantClaimAsync(link, Alice, 1_000, j1);
        await net.RunForAsync(30);
        Assert.Equal((Amount)1_000, (await net.RemoteStakeAsync(link, j1)).Amount);
        Assert.Equal((Amount)1_000, (await net.ProviderStakeAsync(link, j1)).Tokens);
    }

    [Fact]
    public async Task A_stake_meta_staking_cannot_fund_comes_back_as_an_error_ack_and_releases_the_claim_once()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "error-ack")).KeepingHistory();
        await net.AddChainsAsync(Juno);
        // governance gives meta-staking only 10 ujuno for this link: 3,000 × 0.1 = 300 cannot be delegated
        var link = await net.LinkAsync(LinkTo(Juno, stakingFunds: 10));
        var j1 = FirstValidator(Juno);
        await net.BondAsync(link, Alice, 5_000);
        var grant = await net.GrantClaimAsync(link, Alice, 3_000, j1);
        await net.RunForAsync(30);

        var history = await net.HistoryAsync();
        var sent = history.OfType<EmulatorEvent.PacketSent>().Single(e => e.Chain == Osmosis && e.Height == history.Executed(grant).Height);
        var written = history.OfType<EmulatorEvent.AcknowledgementWritten>().Single(e => e.Chain == Juno && e.Packet.Sequence == sent.Packet.Sequence
                                                                                          && e.Packet.Destination.PortId == link.MeshEnds.PortB);
        Assert.False(written.Success);
        var acked = history.OfType<EmulatorEvent.PacketAcknowledged>().Single(e => e.Chain == Osmosis && e.Packet.Sequence == sent.Packet.Sequence
                                                                                   && e.Packet.Source.PortId == link.MeshEnds.PortA);
        Assert.False(acked.Success);
        Assert.Equal("3000", Assert.Single(history.ContractEvents(Osmosis, ProviderEvents.FailedStake)).Event.Get(ProviderEvents.AmountKey));
        Assert.Empty(history.ContractEvents(Osmosis, ProviderEvents.AckStake));
        var released = history.Actions(Osmosis, LockupEvents.ReleaseClaim, link.Lockup).ToList();
        Assert.Equal("3000", Assert.Single(released).Event.Get(LockupEvents.AmountKey));

        var balance = await net.LockupBalanceAsync(link, Alice);
        Assert.Empty(balance.Claims);
        Assert.Equal(((Amount)5_000, (Amount)5_000), (balance.Bonded, balance.Free));
        var stake = await net.ProviderStakeAsync(link, j1);
        Assert.Equal((Amount.Zero, Amount.Zero), (stake.Tokens, stake.InFlightStake));
        Assert.Equal(Amount.Zero, (await net.RemoteStakeAsync(link, j1)).Amount);
        Assert.Equal((Amount)10, await net.BalanceAsync(Juno, link.MetaStaking, DenomOf(Juno)));
        Assert.Equal(0, (await net.ChannelInfoAsync(link.MeshChannelId)).Pending);

        // a stake within the funds (100 × 0.1 = 10) goes through on the same channel
        await net.GrantClaimAsync(link, Alice, 100, j1);
        await net.RunForAsync(30);
        Assert.Equal(((Amount)100, (Amount)10), ((await net.RemoteStakeAsync(link, j1)).Amount, await net.ChainDelegationAsync(link, j1)));
        Assert.Equal((Amount)100, (await net.ProviderStakeAsync(link, j1)).Tokens);
        Assert.Single((await net.HistoryAsync()).Actions(Osmosis, LockupEvents.ReleaseClaim, link.Lockup));
    }
}
