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
    private sealed record Outcome(string ProviderHash, string ConsumerHash, string History, int Crashes);

    /// <summary>A mesh link on a SQLite journal (so every record goes through its serializer); <paramref name="crash"/> faults.</summary>
    private static async Task<Outcome> Run(Func<MeshNetwork, string, Task> crash)
    {
        var dir = Directory.CreateTempSubdirectory("meshsec-recovery-");
        var system = NodeHost.Start("recovery", new JournalSettings(Path.Combine(dir.FullName, "journal.db")), NullLoggerFactory.Instance);
        var crashes = Inbox.Create(system);
        system.EventStream.Subscribe(crashes.Receiver, typeof(Akka.Event.Error));
        try
        {
            var settings = new NetworkSettings(Seed: "recovery", Clock: new ClockSettings(StallTimeout: TimeSpan.FromSeconds(1)));
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
            return new Outcome(provider.AppHash, consumer.AppHash, history, Crashes(crashes));
        }
        finally
        {
            await system.Terminate();
            dir.Delete(recursive: true);
        }
    }

    private static int Crashes(Inbox errors)
    {
        var count = 0;
        try
        {
            while (true)
                if (errors.Receive(TimeSpan.FromMilliseconds(300)) is Akka.Event.Error { Cause.Message: var m }
                    && m.Contains("chaos: chain"))
                    count++;
        }
        catch (Exception ex) when (ex is TimeoutException || ex.InnerException is TimeoutException)
        {
            return count;
        }
    }

    private static Task None(MeshNetwork net, string chain) => net.RunForAsync(7);

    private static async Task BetweenWindows(MeshNetwork net, string chain)
    {
        net.ChainRegion.Tell(new ChainCommand.Crash(chain, "test"));
        await net.RunForAsync(7); // the chain restarts on the next tick and catches up
    }

    private static async Task SameAsWithoutCrashes(Func<MeshNetwork, string, Task> crash)
    {
        var clean = await Run(None);
        var crashed = await Run(crash);
        Assert.Equal(3, crashed.Crashes);
        Assert.Equal(clean.ProviderHash, crashed.ProviderHash);
        Assert.Equal(clean.ConsumerHash, crashed.ConsumerHash);
        Assert.Equal(clean.History, crashed.History);
        Assert.Contains("PacketAcknowledged", clean.History);
    }

    [Fact]
    public Task A_chain_that_crashes_between_windows_recovers_alone_and_the_history_is_unchanged() => SameAsWithoutCrashes(BetweenWindows);

    [Fact]
    public async Task A_chain_that_crashes_while_the_clock_runs_recovers_and_the_history_is_unchanged()
    {
        static async Task During(MeshNetwork net, string chain)
        {
            var run = net.RunForAsync(7);
            net.ChainRegion.Tell(new ChainCommand.Crash(chain, "test"));
            await run;
        }
        await SameAsWithoutCrashes(During);
    }
}
