using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// The driver re-sends a request until it is answered (docs/decisions/0013), so an entity may get it twice: a second copy
/// is answered as the first was, and applied once.
/// </summary>
public class RequestCopyTests(ITestOutputHelper output) : TestKit(output: output)
{
    [Fact]
    public async Task A_second_copy_of_a_submission_is_answered_as_accepted_and_the_transaction_runs_once()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "copies")).KeepingHistory();
        var alice = Addr.Derive("a", "alice");
        var config = new ChainConfig { ChainId = "a-1", AddressPrefix = "a", BondDenom = "ua", BlockTimeSeconds = 5 };
        await net.AddChainAsync(new ChainDefinition(config,
            [new GenesisAccount(alice, Coins.Of("ua", 1_000_000))], [new GenesisValidator("v1", 100)]));
        var tx = new Tx(alice, [new CosmosMsg.BankSend(Addr.Derive("a", "bob"), Coins.Of("ua", 7))], "user/copied");
        var submit = new ChainCommand.SubmitTx("a-1", tx, Timestamp.Zero, "network", "000000000001");

        net.ChainRegion.Tell(submit, TestActor);
        net.ChainRegion.Tell(submit, TestActor);
        Assert.Equal(new ChainReply.Accepted("a-1", "user/copied", false), await ExpectMsgAsync<ChainReply.Accepted>());
        Assert.Equal(new ChainReply.Accepted("a-1", "user/copied", false), await ExpectMsgAsync<ChainReply.Accepted>());
        await net.RunForAsync(20);

        var executed = (await net.HistoryAsync()).OfType<EmulatorEvent.TxExecuted>().Where(e => e.TxId == "user/copied").ToList();
        Assert.Single(executed);
        Assert.True(executed[0].Result.IsSuccess, executed[0].Result.ToString());
        // once in a block it is a duplicate for good: a copy that late is no longer the same submission waiting
        net.ChainRegion.Tell(submit, TestActor);
        Assert.True((await ExpectMsgAsync<ChainReply.Accepted>()).Duplicate);
    }

    [Fact]
    public async Task A_restore_sent_twice_is_taken_once_and_both_copies_are_answered_alike()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "copies"));
        await net.AddChainAsync(Chain("a-1"));
        await net.RunForAsync(30);
        var cut = Assert.Single(await net.CaptureChainsAsync());
        await using var resumed = MeshNetwork.Start(Sys,
            new NetworkSettings(Seed: "copies", ReplayFromGenesis: true, ClockStart: await net.NowAsync()));
        var restore = new ChainCheckpoint.Restore("a-1", cut.SequenceNr, cut.Snapshot, Fresh: true);

        resumed.ChainRegion.Tell(restore, TestActor);
        resumed.ChainRegion.Tell(restore, TestActor);
        var first = await ExpectMsgAsync<ChainReply.Ready>();
        Assert.Equal(cut.Snapshot.Height, first.Height);
        Assert.Equal(first, await ExpectMsgAsync<ChainReply.Ready>());
        Assert.Equal((await net.ChainStateAsync("a-1")).AppHash, (await resumed.ChainStateAsync("a-1")).AppHash);
    }

    private static ChainDefinition Chain(string id) => new(
        new ChainConfig { ChainId = id, AddressPrefix = "a", BondDenom = "ua", BlockTimeSeconds = 5 },
        [new GenesisAccount(Addr.Derive("a", "alice"), Coins.Of("ua", 1_000_000))], [new GenesisValidator("v1", 100)]);

    [Fact]
    public async Task A_crash_sent_twice_with_one_id_restarts_the_relayer_once()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "copies")).KeepingHistory();
        var link = await net.StartLinkedAsync(Juno);
        var before = (await net.ChannelInfoAsync(link.MeshChannelId)).Restarts;
        var crash = new ChannelCommand.Crash(link.MeshChannelId, "test/1");

        // the second copy comes while the first one's restart is under way
        net.ChannelRegion.Tell(crash, TestActor);
        net.ChannelRegion.Tell(crash, TestActor);
        Assert.Equal(before + 1, (await ExpectMsgAsync<ChannelReply.Info>(TimeSpan.FromSeconds(20))).Restarts);
        Assert.Equal(before + 1, (await ExpectMsgAsync<ChannelReply.Info>(TimeSpan.FromSeconds(20))).Restarts);
        // and one that comes once it is back
        net.ChannelRegion.Tell(crash, TestActor);
        Assert.Equal(before + 1, (await ExpectMsgAsync<ChannelReply.Info>(TimeSpan.FromSeconds(20))).Restarts);

        // a crash with another id still crashes it
        Assert.Equal(before + 2, (await net.CrashRelayerAsync(link.MeshChannelId)).Restarts);
    }

    [Fact]
    public async Task A_chain_crash_sent_twice_with_one_id_restarts_the_chain_once_and_both_copies_are_answered()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "copies")).KeepingHistory();
        await net.AddChainAsync(Chain("a-1"));
        await net.RunForAsync(30);
        var crash = new ChainCommand.Crash("a-1", "test/1", "test");

        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Akka.Event.Error));

        // the second copy comes while the first one's restart is under way, a third once it is back
        net.ChainRegion.Tell(crash, TestActor);
        net.ChainRegion.Tell(crash, TestActor);
        var back = await ExpectMsgAsync<ChainReply.Ready>(TimeSpan.FromSeconds(20));
        Assert.Equal(back, await ExpectMsgAsync<ChainReply.Ready>(TimeSpan.FromSeconds(20)));
        net.ChainRegion.Tell(crash, TestActor);
        Assert.Equal(back, await ExpectMsgAsync<ChainReply.Ready>(TimeSpan.FromSeconds(20)));
        await net.RunForAsync(10);
        // the supervisor logs each crash before the restart that answers it: all are on the stream by now
        Assert.Equal(1, Crashes(errors));

        // a crash with another id still crashes it
        Assert.Equal("a-1", (await net.CrashChainAsync("a-1")).ChainId);
        Assert.Equal(1, Crashes(errors));
    }

    private static int Crashes(Akka.TestKit.TestProbe errors)
    {
        var crashes = 0;
        while (errors.HasMessages)
            if (errors.ReceiveOne(TimeSpan.Zero) is Akka.Event.Error { Cause.Message: var m } && m.Contains("chaos: chain a-1 crashed"))
                crashes++;
        return crashes;
    }

    [Fact]
    public async Task A_chaos_record_sent_twice_with_one_id_is_recorded_once_and_both_copies_are_answered()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "copies")).KeepingHistory();
        await net.AddChainAsync(Chain("a-1"));
        await net.RunForAsync(10);
        var record = new Time.ClockCommand.RecordChaos("a-1", "chain.crash", ["a-1"], "test", "test/record/1");

        net.Clock.Tell(record, TestActor);
        net.Clock.Tell(record, TestActor);
        await ExpectMsgAsync<Time.ClockStatus>();
        await ExpectMsgAsync<Time.ClockStatus>();
        await net.RunForAsync(10);
        Assert.Single((await net.HistoryAsync()).OfType<EmulatorEvent.ChaosInjected>());

        // another id is another record
        await net.RecordChaosAsync("a-1", "chain.crash", ["a-1"], "test");
        await net.RunForAsync(10);
        Assert.Equal(2, (await net.HistoryAsync()).OfType<EmulatorEvent.ChaosInjected>().Count());
    }
}
