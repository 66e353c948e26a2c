using System.Collections.Concurrent;
using Akka.Actor;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Emulator.Time;
using Microsoft.Extensions.Logging.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// A chain journals the ids of the crashes it applied (docs/decisions/0013), so a late copy of a crash finds the id in
/// whichever incarnation gets it: one started again after a hand-off, from its journal or from a snapshot taken after
/// the crash. A network that starts the chain over (a resumed run, whose driver numbers its crashes from 1 again) forgets
/// the ids of the run before. On a SQLite journal, so every record and snapshot goes through its serializer.
/// </summary>
public sealed class CrashIdJournalTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("meshsec-crash-ids-");

    private string Journal(string name) => Path.Combine(_dir.FullName, name + ".db");

    private sealed record Outcome(string ProviderHash, string ConsumerHash, string History, int Crashes, ulong LastRecoveryFrom);

    /// <summary>A mesh link with two cross-stakes; <paramref name="fault"/> acts on the consumer chain once the first is on its way.</summary>
    private async Task<Outcome> RunLinked(string name, Func<MeshNetwork, Task> fault, ulong snapshotEvery)
    {
        var system = NodeHost.Start("crash-ids", new JournalSettings(Journal(name)), NullLoggerFactory.Instance);
        var crashes = CountCrashes(system, Juno);
        try
        {
            var settings = new NetworkSettings(Seed: "crash-ids", Clock: new ClockSettings(StallTimeout: TimeSpan.FromSeconds(1)),
                SnapshotEvery: snapshotEvery);
            await using var net = MeshNetwork.Start(system, settings).KeepingHistory();
            var link = await net.StartLinkedAsync(Juno);
            await net.BondAsync(link, Alice, 5_000);
            await net.GrantClaimAsync(link, Alice, 3_337, FirstValidator(Juno));
            await fault(net);
            await net.BondAsync(link, Bob, 2_000);
            await net.GrantClaimAsync(link, Bob, 1_005, SecondValidator(Juno));
            await net.RunForAsync(120);
            var provider = await net.ChainRegion.Ask<ChainReply.State>(new ChainCommand.GetState(Osmosis));
            var consumer = await net.ChainRegion.Ask<ChainReply.State>(new ChainCommand.GetState(Juno));
            var history = string.Join('\n', (await net.HistoryAsync()).Select(e => e.ToString()));
            var from = net.Log.Recoveries.LastOrDefault(r => r.ChainId == Juno)?.FromHeight ?? 0;
            return new Outcome(provider.AppHash, consumer.AppHash, history, await CrashCounter.CountAsync(crashes), from);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static readonly ChainCommand.Crash Late = new(Juno, "test/late", "test");

    [Theory]
    [InlineData(0UL)]
    [InlineData(2UL)]
    public async Task A_late_copy_of_a_crash_after_a_hand_off_does_not_crash_the_chain_again(ulong snapshotEvery)
    {
        var crashedAt = 0UL;
        var outcome = await RunLinked("late-copy", async net =>
        {
            crashedAt = (await net.ChainRegion.Ask<ChainReply.Ready>(Late, TimeSpan.FromSeconds(20))).Height;
            // blocks after the crash: with snapshots every 2 blocks, the chain's latest snapshot holds the id, and the
            // journal records the chain recovers from begin after the crash's
            await net.RunForAsync(30);
            Assert.True((await net.HandOffChainAsync(Juno)).Moved);
            // the copy reaches the chain's next incarnation, which rebuilds itself first
            var back = await net.ChainRegion.Ask<ChainReply.Ready>(Late, TimeSpan.FromSeconds(20));
            Assert.Equal(Juno, back.ChainId);
        }, snapshotEvery);
        var clean = await RunLinked("clean", net => net.RunForAsync(30), snapshotEvery);

        Assert.Equal(1, outcome.Crashes);
        Assert.Equal(clean.History, outcome.History);
        Assert.Equal(clean.ProviderHash, outcome.ProviderHash);
        Assert.Equal(clean.ConsumerHash, outcome.ConsumerHash);
        Assert.Contains("PacketAcknowledged", clean.History);
        // the hand-off's incarnation read the id from a snapshot taken after the crash, or from the journal alone
        if (snapshotEvery > 0) Assert.True(outcome.LastRecoveryFrom > crashedAt, $"{outcome.LastRecoveryFrom} > {crashedAt}");
        else Assert.Equal(0UL, outcome.LastRecoveryFrom);
    }

    [Fact]
    public async Task A_resumed_run_crashes_a_chain_with_an_id_the_run_before_used()
    {
        var chain = Chain("a-1");
        var first = NodeHost.Start("crash-ids", new JournalSettings(Journal("resumed")), NullLoggerFactory.Instance);
        try
        {
            await using var net = MeshNetwork.Start(first, new NetworkSettings(Seed: "resume"));
            await net.AddChainAsync(chain);
            await net.RunForAsync(30);
            await net.CrashChainAsync("a-1"); // driver/1
            await net.RunForAsync(10);
        }
        finally
        {
            await first.Terminate();
        }

        var second = NodeHost.Start("crash-ids", new JournalSettings(Journal("resumed")), NullLoggerFactory.Instance);
        var crashes = CountCrashes(second, "a-1");
        try
        {
            await using var net = MeshNetwork.Start(second, new NetworkSettings(Seed: "resume"));
            await net.AddChainAsync(chain); // the network starts the chain over: its journal's run is checked, not resumed
            await net.RunForAsync(60);
            // the next incarnation reads the journal alone: the run before's driver/1 is forgotten there too
            Assert.True((await net.HandOffChainAsync("a-1")).Moved);
            await net.CrashChainAsync("a-1"); // driver/1 again, another crash
            await net.RunForAsync(10);
            Assert.Equal(1, await CrashCounter.CountAsync(crashes));
        }
        finally
        {
            await second.Terminate();
        }
    }

    private static ChainDefinition Chain(string id) => new(
        new Core.Chain.ChainConfig { ChainId = id, AddressPrefix = "a", BondDenom = "ua", BlockTimeSeconds = 5 },
        [new Core.Chain.GenesisAccount(Core.Types.Addr.Derive("a", "alice"), Core.Types.Coins.Of("ua", 1_000_000))],
        [new Core.Chain.GenesisValidator("v1", 100)]);

    /// <summary>Counts the injected crashes of one chain the supervisor logged (each before the restart that answers it).</summary>
    private sealed class CrashCounter : ReceiveActor
    {
        private sealed record Count;

        public CrashCounter(string chain)
        {
            var crashes = 0;
            Receive<Akka.Event.Error>(e =>
            {
                if (e.Cause?.Message.Contains($"chaos: chain {chain} crashed", StringComparison.Ordinal) == true) crashes++;
            });
            Receive<Count>(_ => Sender.Tell(crashes));
        }

        public static Task<int> CountAsync(IActorRef counter) => counter.Ask<int>(new Count(), TimeSpan.FromSeconds(10));
    }

    private static IActorRef CountCrashes(ActorSystem system, string chain)
    {
        var counter = system.ActorOf(Props.Create(() => new CrashCounter(chain)));
        system.EventStream.Subscribe(counter, typeof(Akka.Event.Error));
        return counter;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
