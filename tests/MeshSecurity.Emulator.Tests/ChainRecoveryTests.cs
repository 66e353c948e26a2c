using Akka.Actor;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Emulator.Time;
using Microsoft.Extensions.Logging.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// A chain actor that crashes in a running network rebuilds itself from its journal alone (accepted transactions, observers,
/// re-executed blocks) and goes on: the network's history and every app hash come out as in a run without the crash.
/// </summary>
public class ChainRecoveryTests
{
    private sealed record Outcome(string ProviderHash, string ConsumerHash, string History, int Crashes, int FromSnapshots);

    /// <summary>A mesh link on a SQLite journal (so every record goes through its serializer); <paramref name="crash"/> faults.</summary>
    private static async Task<Outcome> Run(Func<MeshNetwork, string, Task> crash, ulong snapshotEvery = 0)
    {
        var dir = Directory.CreateTempSubdirectory("meshsec-recovery-");
        var system = NodeHost.Start("recovery", new JournalSettings(Path.Combine(dir.FullName, "journal.db")), NullLoggerFactory.Instance);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var log = system.ActorOf(Props.Create(() => new RecoveryLog(seen)));
        system.EventStream.Subscribe(log, typeof(Akka.Event.Error));
        system.EventStream.Subscribe(log, typeof(Akka.Event.Warning));
        try
        {
            var settings = new NetworkSettings(Seed: "recovery", Clock: new ClockSettings(StallTimeout: TimeSpan.FromSeconds(1)),
                SnapshotEvery: snapshotEvery);
            await using var net = MeshNetwork.Start(system, settings).KeepingHistory();
            var link = await net.StartLinkedAsync(Juno);
            await net.BondAsync(link, Alice, 5_000);
            await net.GrantClaimAsync(link, Alice, 3_337, FirstValidator(Juno));
            // the stake packet is on its way: the consumer's mempool holds it, or will
            await crash(net, Juno);
            await net.RunForAsync(20);
            await crash(net, Osmosis);
            await net.BondAsync(link, Bob, 2_000);
            await net.GrantClaimAsync(link, Bob, 1_005, SecondValidator(Juno));
            await crash(net, Juno);
            await net.RunForAsync(120);
            var provider = await net.ChainRegion.Ask<ChainReply.State>(new ChainCommand.GetState(Osmosis));
            var consumer = await net.ChainRegion.Ask<ChainReply.State>(new ChainCommand.GetState(Juno));
            var history = string.Join('\n', (await net.HistoryAsync()).Select(e => e.ToString()));
            await log.GracefulStop(TimeSpan.FromSeconds(10)); // every log event before this has been counted
            Assert.All(seen, s => Assert.Contains(s, new[] { "crash", "restart", "restart-from-snapshot" }));
            return new Outcome(provider.AppHash, consumer.AppHash, history, seen.Count(s => s == "crash"),
                seen.Count(s => s == "restart-from-snapshot"));
        }
        finally
        {
            await system.Terminate();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Counts the crashes and the restarts that began from a snapshot; keeps any other snapshot warning (a snapshot that
    /// could not be saved) to fail the test with.
    /// </summary>
    private sealed class RecoveryLog : ReceiveActor
    {
        public RecoveryLog(System.Collections.Concurrent.ConcurrentQueue<string> seen)
        {
            Receive<Akka.Event.Error>(e =>
            {
                if (e.Cause?.Message.Contains("chaos: chain") == true) seen.Enqueue("crash");
            });
            Receive<Akka.Event.Warning>(w =>
            {
                var text = w.ToString();
                if (text.Contains("restarted from its snapshot at height 0;")) seen.Enqueue("restart");
                else if (text.Contains("restarted from its snapshot")) seen.Enqueue("restart-from-snapshot");
                else if (text.Contains("snapshot")) seen.Enqueue(text);
            });
        }
    }

    private static Task None(MeshNetwork net, string chain) => net.RunForAsync(7);

    private static async Task BetweenWindows(MeshNetwork net, string chain)
    {
        await net.CrashChainAsync(chain); // answered once the chain has rebuilt itself
        await net.RunForAsync(7);
    }

    private static async Task SameAsWithoutCrashes(Func<MeshNetwork, string, Task> crash, ulong snapshotEvery = 0)
    {
        var clean = await Run(None);
        var crashed = await Run(crash, snapshotEvery);
        Assert.Equal(3, crashed.Crashes);
        Assert.Equal(snapshotEvery > 0 ? 3 : 0, crashed.FromSnapshots);
        Assert.Equal(clean.ProviderHash, crashed.ProviderHash);
        Assert.Equal(clean.ConsumerHash, crashed.ConsumerHash);
        Assert.Equal(clean.History, crashed.History);
        Assert.Contains("PacketAcknowledged", clean.History);
    }

    [Fact]
    public Task A_chain_that_crashes_between_windows_recovers_alone_and_the_history_is_unchanged() => SameAsWithoutCrashes(BetweenWindows);

    private static async Task During(MeshNetwork net, string chain)
    {
        var run = net.RunForAsync(7);
        net.ChainRegion.Tell(new ChainCommand.Crash(chain, $"test/{Guid.NewGuid():N}", "test"));
        await run;
    }

    [Fact]
    public Task A_chain_that_crashes_while_the_clock_runs_recovers_and_the_history_is_unchanged() => SameAsWithoutCrashes(During);

    [Fact]
    public Task A_chain_recovers_from_its_latest_snapshot_and_the_journal_after_it() =>
        SameAsWithoutCrashes(BetweenWindows, snapshotEvery: 3);

    [Fact]
    public Task A_chain_crashing_while_the_clock_runs_recovers_from_a_snapshot_too() => SameAsWithoutCrashes(During, snapshotEvery: 2);
}
