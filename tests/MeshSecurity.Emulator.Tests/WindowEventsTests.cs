using Akka.Actor;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Time;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// A cluster's clock passes the blocks of a window to the driver's recorder in one message as the window ends, before the
/// run's answer; anything else at once, after the blocks that came before it
/// (docs/decisions/0019-a-windows-events-reach-the-driver-in-one-message.md).
/// </summary>
public class WindowEventsTests(ITestOutputHelper output) : TestKit(output: output)
{
    private static readonly Timestamp Start = Timestamp.FromSeconds(1_700_000_000);

    private static BlockEvents Block(string chain) =>
        new([new EmulatorEvent.BlockCommitted(chain, 1, Start.PlusSeconds(6), 1, "ABCDEF")]);

    [Fact]
    public void A_windows_blocks_reach_the_recorder_in_one_message_before_the_runs_answer_and_in_their_order()
    {
        var chains = CreateTestProbe();
        var settings = new ClockSettings(StallTimeout: TimeSpan.FromSeconds(30)) { HoldEvents = true };
        var node = Sys.ActorOf(NodeClock.Props(chains.Ref, CreateTestProbe().Ref, settings));
        var keeper = Sys.ActorOf(TimeKeeper.Props(node, settings, Start));
        // the driver's recorder subscribes and runs the clock: one probe, so the order of what it hears is checked
        var driver = CreateTestProbe();
        keeper.Tell(new ClockCommand.SubscribeEvents(), driver.Ref);
        driver.ExpectMsg<EventsSubscribed>();
        foreach (var chain in new[] { "a", "b" })
        {
            keeper.Tell(new ClockCommand.Register(chain, Start.PlusSeconds(6)));
            ExpectMsg<ClockStatus>();
        }

        keeper.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(10)), driver.Ref);
        var ticks = new[] { chains.ExpectMsg<WindowTick>(), chains.ExpectMsg<WindowTick>() };
        Assert.Equal(["a", "b"], ticks.Select(t => t.ChainId).Order(StringComparer.Ordinal));
        // the chains publish to the clock before they answer the window (ChainActor); a recovery is passed on at once
        node.Tell(Block("a"), chains.Ref);
        node.Tell(new ChainRecovered("b", 0, 0), chains.Ref);
        node.Tell(Block("b"), chains.Ref);
        Assert.Equal(["a"], driver.ExpectMsg<WindowEvents>().Blocks.Select(b => b.Events[0].ChainId));
        Assert.Equal(new ChainRecovered("b", 0, 0), driver.ExpectMsg<ChainRecovered>());

        foreach (var tick in ticks) node.Tell(new ChainWindowDone(tick.Window, tick.ChainId, Start.PlusSeconds(12), []), chains.Ref);
        // b's block waited for the window's end, and came before the run's answer
        Assert.Equal(["b"], driver.ExpectMsg<WindowEvents>().Blocks.Select(b => b.Events[0].ChainId));
        Assert.Equal(Start.PlusSeconds(10), driver.ExpectMsg<ClockStatus>().Now);
    }
}
