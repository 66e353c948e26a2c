using Akka.Actor;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>Relayer faults: duplicated deliveries and crashes; the chains' IBC state keeps every packet's effect to exactly one.</summary>
public class RelayerFaultTests : TestKit
{
    private readonly ITestOutputHelper _output;

    public RelayerFaultTests(ITestOutputHelper output) : base(output: output) => _output = output;

    /// <summary>Every mesh packet alice and bob sent was received once on juno and acknowledged once on osmosis.</summary>
    private static void AssertEachPacketOnce(IReadOnlyList<EmulatorEvent> history, MeshLinkInfo link, int expectedStakePackets)
    {
        var sent = history.OfType<EmulatorEvent.PacketSent>().Where(e => e.Chain == Osmosis && e.Packet.Source.PortId == link.MeshEnds.PortA).ToList();
        Assert.Equal(expectedStakePackets + 1, sent.Count); // + the provider's ListValidators at connect
        foreach (var p in sent)
        {
            Assert.Single(history.OfType<EmulatorEvent.AcknowledgementWritten>(), e => e.Chain == Juno && e.Packet.Sequence == p.Packet.Sequence
                                                                                      && e.Packet.Destination.PortId == link.MeshEnds.PortB);
            Assert.Single(history.OfType<EmulatorEvent.PacketAcknowledged>(), e => e.Chain == Osmosis && e.Packet.Sequence == p.Packet.Sequence
                                                                                   && e.Packet.Source.PortId == link.MeshEnds.PortA);
        }
    }

    private static async Task AssertStakesAsync(MeshNetwork net, MeshLinkInfo link, Amount onJ1, Amount onJ2)
    {
        var (j1, j2) = (FirstValidator(Juno), SecondValidator(Juno));
        Assert.Equal(onJ1, (await net.RemoteStakeAsync(link, j1)).Amount);
        Assert.Equal(onJ2, (await net.RemoteStakeAsync(link, j2)).Amount);
        Assert.Equal(onJ1.MulFloor(RateOf(Juno)), await net.ChainDelegationAsync(link, j1));
        Assert.Equal(onJ2.MulFloor(RateOf(Juno)), await net.ChainDelegationAsync(link, j2));
        var (p1, p2) = (await net.ProviderStakeAsync(link, j1), await net.ProviderStakeAsync(link, j2));
        Assert.Equal((onJ1, Amount.Zero), (p1.Tokens, p1.InFlightStake));
        Assert.Equal((onJ2, Amount.Zero), (p2.Tokens, p2.InFlightStake));
        var osmosis = await net.StateAsync(Osmosis);
        Assert.Empty(osmosis.Ibc.PendingPackets(link.MeshEnds.PortA, link.MeshEnds.ChannelA));
    }

    /// <summary>Crashes the relayer while the clock stands still and waits until the new instance has rebuilt its work from the chains.</summary>
    private async Task CrashRelayerAsync(MeshNetwork net, string channelId, long restartsBefore)
    {
        net.ChannelRegion.Tell(new ChannelCommand.Crash(channelId, $"test/{restartsBefore}"));
        // the answer to GetInfo comes only after the restarted instance's recovery (an async handler) is complete
        await AwaitAssertAsync(async () => Assert.Equal(restartsBefore + 1, (await net.ChannelInfoAsync(channelId)).Restarts),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task A_duplicated_delivery_has_no_second_effect()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "duplicates")).KeepingHistory();
        var link = await net.StartLinkedAsync(Juno);
        net.ChannelRegion.Tell(new ChannelCommand.DuplicateDeliveries(link.MeshChannelId, true));
        await net.BondAsync(link, Alice, 5_000);
        await net.BondAsync(link, Bob, 5_000);
        await net.GrantClaimAsync(link, Alice, 3_000, FirstValidator(Juno));
        await net.GrantClaimAsync(link, Bob, 1_000, SecondValidator(Juno));
        await net.GrantClaimAsync(link, Alice, 500, FirstValidator(Juno));
        await net.RunForAsync(60);

        await AssertStakesAsync(net, link, 3_500, 1_000);
        var history = await net.HistoryAsync();
        AssertEachPacketOnce(history, link, 3);
        var duplicates = history.OfType<EmulatorEvent.TxExecuted>().Where(t => t.TxId.StartsWith(link.MeshChannelId + "/", StringComparison.Ordinal)
                                                                               && t.TxId.EndsWith("/dup", StringComparison.Ordinal)).ToList();
        _output.WriteLine($"{duplicates.Count} duplicate relay transactions: {string.Join(", ", duplicates.Select(d => $"{d.TxId}@{d.Chain}:{d.Height}"))}");
        Assert.Equal(3, duplicates.Count);
        Assert.All(duplicates, d => Assert.True(d.Success, d.Result.ToString()));
        Assert.All(duplicates, d => Assert.Equal(Juno, d.Chain));
        // a no-op: no packet event, no contract ran
        Assert.All(duplicates, d => Assert.DoesNotContain(d.Result.Events, e => e.Type is "recv_packet" or "write_acknowledgement" or "wasm"));
        var info = await net.ChannelInfoAsync(link.MeshChannelId);
        Assert.Equal((0L, 0), (info.FailedTxs, info.Pending));
    }

    [Fact]
    public async Task Duplication_switched_off_ends_the_copies()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "duplicates-off")).KeepingHistory();
        var link = await net.StartLinkedAsync(Juno);
        await net.BondAsync(link, Alice, 5_000);
        await net.SetDuplicateDeliveriesAsync(link.MeshChannelId, true);
        await net.GrantClaimAsync(link, Alice, 1_000, FirstValidator(Juno));
        await net.RunForAsync(60);
        await net.SetDuplicateDeliveriesAsync(link.MeshChannelId, false);
        await net.GrantClaimAsync(link, Alice, 2_000, FirstValidator(Juno));
        await net.RunForAsync(60);

        var duplicates = (await net.HistoryAsync()).OfType<EmulatorEvent.TxExecuted>()
            .Count(t => t.TxId.StartsWith(link.MeshChannelId + "/", StringComparison.Ordinal)
                && t.TxId.EndsWith("/dup", StringComparison.Ordinal));
        Assert.Equal(1, duplicates);
        await AssertStakesAsync(net, link, 3_000, 0);
    }

    [Fact]
    public async Task A_lagging_relayer_delivers_later_and_a_lossy_one_loses_the_packet_which_times_out_and_is_undone()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "lag-loss")).KeepingHistory();
        await net.AddChainsAsync(Juno);
        var link = await net.LinkAsync(LinkTo(Juno, packetLifetime: 600));
        await net.BondAsync(link, Alice, 5_000);
        var j1 = FirstValidator(Juno);

        await net.SetRelayerFaultsAsync(link.MeshChannelId, new RelayFaults(LagNanos: 300UL * 1_000_000_000));
        await net.GrantClaimAsync(link, Alice, 1_000, j1);
        await net.RunForAsync(200);
        Assert.Equal((Amount)1_000, (await net.ProviderStakeAsync(link, j1)).InFlightStake);
        // the ack comes back as late: 300 s each way
        await net.RunForAsync(500);
        await net.SetRelayerFaultsAsync(link.MeshChannelId, RelayFaults.None);
        await AssertStakesAsync(net, link, 1_000, 0);

        await net.SetRelayerFaultsAsync(link.MeshChannelId, new RelayFaults(Loss: 1.0));
        await net.GrantClaimAsync(link, Alice, 500, j1);
        await net.RunForAsync(700);
        var info = await net.SetRelayerFaultsAsync(link.MeshChannelId, RelayFaults.None);
        Assert.Equal(1L, info.TimedOut);
        // the timed-out stake was undone: the provider holds the first 1,000 only, nothing in flight
        await AssertStakesAsync(net, link, 1_000, 0);
    }

    [Fact]
    public async Task A_relayer_that_crashes_with_packets_in_flight_delivers_each_of_them_exactly_once_after_its_restart()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "relayer-crash")).KeepingHistory();
        var link = await net.StartLinkedAsync(Juno);
        await net.BondAsync(link, Alice, 5_000);
        await net.BondAsync(link, Bob, 5_000);
        await net.GrantClaimAsync(link, Alice, 3_000, FirstValidator(Juno));
        await net.GrantClaimAsync(link, Bob, 1_000, SecondValidator(Juno));
        var before = await net.ChannelInfoAsync(link.MeshChannelId);
        Assert.NotEqual(0, before.Pending);
        Assert.Equal((Amount)1_000, (await net.ProviderStakeAsync(link, SecondValidator(Juno))).InFlightStake);

        await CrashRelayerAsync(net, link.MeshChannelId, 0);
        var after = await net.ChannelInfoAsync(link.MeshChannelId);
        _output.WriteLine($"pending before the crash {before.Pending}, rebuilt from the chains {after.Pending}");
        await net.RunForAsync(60);

        await AssertStakesAsync(net, link, 3_000, 1_000);
        AssertEachPacketOnce(await net.HistoryAsync(), link, 2);
        var info = await net.ChannelInfoAsync(link.MeshChannelId);
        Assert.Equal((1L, 0, 0L), (info.Restarts, info.Pending, info.FailedTxs));
    }

    [Fact]
    public async Task A_relayer_that_crashes_while_paused_clears_the_packets_from_chain_state_when_resumed()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "relayer-crash-paused")).KeepingHistory();
        var link = await net.StartLinkedAsync(Juno);
        await net.BondAsync(link, Alice, 5_000);
        await net.PauseRelayerAsync(link.MeshChannelId);
        await net.GrantClaimAsync(link, Alice, 3_000, FirstValidator(Juno));
        await net.GrantClaimAsync(link, Alice, 700, SecondValidator(Juno));
        await net.RunForAsync(20);

        await CrashRelayerAsync(net, link.MeshChannelId, 0);
        Assert.True((await net.ChannelInfoAsync(link.MeshChannelId)).Paused);
        await net.RunForAsync(20);
        Assert.Equal(Amount.Zero, (await net.RemoteStakeAsync(link, FirstValidator(Juno))).Amount);

        await net.ResumeRelayerAsync(link.MeshChannelId);
        await net.RunForAsync(60);
        await AssertStakesAsync(net, link, 3_000, 700);
        AssertEachPacketOnce(await net.HistoryAsync(), link, 2);
        Assert.Equal(1, (await net.ChannelInfoAsync(link.MeshChannelId)).Restarts);
    }

    [Fact]
    public async Task A_relayer_that_crashes_twice_still_delivers_what_it_owes()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "relayer-crash-twice")).KeepingHistory();
        var link = await net.StartLinkedAsync(Juno);
        await net.BondAsync(link, Alice, 5_000);

        await net.GrantClaimAsync(link, Alice, 1_000, FirstValidator(Juno));
        await CrashRelayerAsync(net, link.MeshChannelId, 0);
        await net.RunForAsync(30);
        await net.GrantClaimAsync(link, Alice, 2_000, SecondValidator(Juno));
        await CrashRelayerAsync(net, link.MeshChannelId, 1);
        await net.RunForAsync(60);

        var info = await net.ChannelInfoAsync(link.MeshChannelId);
        _output.WriteLine($"after two crashes: pending {info.Pending}, sent {info.Sent}, received {info.Received}, acknowledged {info.Acknowledged}");
        foreach (var t in (await net.HistoryAsync()).OfType<EmulatorEvent.TxExecuted>().Where(t => t.TxId.StartsWith(link.MeshChannelId, StringComparison.Ordinal)))
            _output.WriteLine($"  {t.Chain}@{t.Height} {t.TxId} {t.Success}");
        await AssertStakesAsync(net, link, 1_000, 2_000);
        AssertEachPacketOnce(await net.HistoryAsync(), link, 2);
        Assert.Equal((2L, 0), (info.Restarts, info.Pending));
    }

    [Fact]
    public async Task A_relayer_that_crashes_while_the_clock_runs_recovers_once()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "relayer-crash-running")).KeepingHistory();
        var link = await net.StartLinkedAsync(Juno);
        const int crashes = 8;
        for (var i = 0; i < crashes; i++)
        {
            // the transfer channel carries nothing here, so only the recovery itself is under test
            var run = net.RunForAsync(3_600);
            net.ChannelRegion.Tell(new ChannelCommand.Crash(link.TransferChannelId, $"test/{i}"));
            await run;
        }
        var info = await net.ChannelInfoAsync(link.TransferChannelId);
        Assert.Equal((long)crashes, info.Restarts);
        Assert.True(info.Open);
    }
}
