using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Time;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// Time keeping never drops anyone: an entity that does not answer its window is named (log and status, since when)
/// and sent its message again, its schedule is kept, and the run goes on once it answers; a window answered in time is
/// never re-sent.
/// </summary>
public class WindowStallTests : TestKit
{
    public WindowStallTests(ITestOutputHelper output) : base(output: output) { }

    private static readonly Timestamp Start = Timestamp.FromSeconds(1_700_000_000);

    private (IActorRef Keeper, TestProbe Chains, TestProbe Channels) Clock(TimeSpan stall)
    {
        var chains = CreateTestProbe();
        var channels = CreateTestProbe();
        var settings = new ClockSettings(StallTimeout: stall);
        var node = Sys.ActorOf(NodeClock.Props(chains.Ref, channels.Ref, settings));
        var keeper = Sys.ActorOf(TimeKeeper.Props(node, settings, Start));
        return (keeper, chains, channels);
    }

    [Fact]
    public async Task A_chain_that_does_not_answer_is_named_and_ticked_again_and_keeps_its_schedule()
    {
        var (keeper, chains, channels) = Clock(TimeSpan.FromMilliseconds(300));
        keeper.Tell(new ClockCommand.Register("stuck", Start.PlusSeconds(6)));
        ExpectMsg<ClockStatus>();

        // the warning is heard on the event stream: an EventFilter expecting exactly one failed when a busy machine held the
        // test past a second interval, and the clock rightly warned again
        var warnings = CreateTestProbe();
        Sys.EventStream.Subscribe(warnings.Ref, typeof(Warning));
        keeper.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(20)));
        var tick = chains.ExpectMsg<WindowTick>();
        Assert.Equal(("stuck", 1L), (tick.ChainId, tick.Window));
        // no answer: the node clock must say so and send the same tick again
        Assert.Equal(tick, chains.ExpectMsg<WindowTick>(TimeSpan.FromSeconds(5)));
        warnings.FishForMessage<Warning>(w => w.ToString().Contains("no answer from stuck", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        var status = await keeper.Ask<ClockStatus>(new ClockCommand.GetStatus());
        Assert.Equal("stuck", Assert.Single(status.Waiting));
        Assert.NotNull(status.WaitingSince);
        Assert.True(status.Running);

        // it answers at last (once per tick it got, and copies sent meanwhile are answered too); its next block is still
        // scheduled and the run goes on
        var done = new ChainWindowDone(1, "stuck", Start.PlusSeconds(12), []);
        chains.Reply(done);
        chains.Reply(done);
        WindowTick second;
        while ((second = chains.ExpectMsg<WindowTick>()) == tick) chains.Reply(done);
        Assert.Equal(2, second.Window);
        chains.Reply(new ChainWindowDone(2, "stuck", Start.PlusSeconds(30), []));
        var reached = ExpectMsg<ClockStatus>(TimeSpan.FromSeconds(10));
        Assert.Equal((Start.PlusSeconds(20), 2L), (reached.Now, reached.Windows));
        Assert.Empty(reached.Waiting);
        channels.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_channel_that_does_not_answer_its_relay_phase_is_sent_it_again()
    {
        var (keeper, chains, channels) = Clock(TimeSpan.FromMilliseconds(300));
        keeper.Tell(new ClockCommand.Register("a", Start.PlusSeconds(6)));
        ExpectMsg<ClockStatus>();
        keeper.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(10)));
        chains.ExpectMsg<WindowTick>();
        chains.Reply(new ChainWindowDone(1, "a", Start.PlusSeconds(12), ["a-b/mesh"]));
        var relay = channels.ExpectMsg<RelayWindow>();
        Assert.Equal(new RelayWindow("a-b/mesh", 1), relay);
        Assert.Equal(relay, channels.ExpectMsg<RelayWindow>(TimeSpan.FromSeconds(5)));
        channels.Reply(new RelayWindowDone(1, "a-b/mesh"));
        Assert.Equal(Start.PlusSeconds(10), ExpectMsg<ClockStatus>(TimeSpan.FromSeconds(10)).Now);
    }

    [Fact]
    public void A_window_answered_in_time_is_never_sent_again()
    {
        var (keeper, chains, _) = Clock(TimeSpan.FromSeconds(30));
        keeper.Tell(new ClockCommand.Register("a", Start.PlusSeconds(6)));
        ExpectMsg<ClockStatus>();
        keeper.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(6)));
        chains.ExpectMsg<WindowTick>();
        chains.Reply(new ChainWindowDone(1, "a", Start.PlusSeconds(12), []));
        Assert.Equal(1, ExpectMsg<ClockStatus>().Windows);
        chains.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Windows_last_the_lookahead_and_never_cross_the_time_asked_for()
    {
        var (keeper, chains, _) = Clock(TimeSpan.FromSeconds(30));
        foreach (var (chain, at) in new[] { ("a", 6UL), ("b", 6UL), ("c", 7UL), ("d", 9UL) })
        {
            keeper.Tell(new ClockCommand.Register(chain, Start.PlusSeconds(at)));
            ExpectMsg<ClockStatus>();
        }
        keeper.Tell(new ClockCommand.SetLookahead(2 * Timestamp.NanosPerSecond));
        ExpectMsg<ClockStatus>();
        keeper.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(9)));
        // [6, 8): a, b and c side by side
        var first = new[] { chains.ExpectMsg<WindowTick>(), chains.ExpectMsg<WindowTick>(), chains.ExpectMsg<WindowTick>() };
        Assert.Equal(["a", "b", "c"], first.Select(t => t.ChainId).Order());
        Assert.All(first, t => Assert.Equal((1L, Start.PlusSeconds(8)), (t.Window, t.End)));
        var node = chains.LastSender;
        chains.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        foreach (var t in first) chains.Send(node, new ChainWindowDone(1, t.ChainId, Start.PlusSeconds(20), []));
        // [9, 9]: d alone, cut at the time asked for
        var second = chains.ExpectMsg<WindowTick>();
        Assert.Equal(("d", 2L, Start.PlusSeconds(9).PlusNanos(1)), (second.ChainId, second.Window, second.End));
        chains.Reply(new ChainWindowDone(2, "d", Start.PlusSeconds(20), []));
        Assert.Equal((Start.PlusSeconds(9), 2L, 4L), ExpectMsg<ClockStatus>() is var s ? (s.Now, s.Windows, s.ChainTicks) : default);
    }

    [Fact]
    public void A_window_whose_answer_is_lost_is_opened_again_and_the_run_goes_on()
    {
        var node = CreateTestProbe();
        var keeper = Sys.ActorOf(TimeKeeper.Props(node.Ref, new ClockSettings(StallTimeout: TimeSpan.FromMilliseconds(300)), Start));
        keeper.Tell(new ClockCommand.Register("a", Start.PlusSeconds(6)));
        ExpectMsg<ClockStatus>();
        node.ExpectMsg<ClockCommand.Register>();

        keeper.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(10)));
        var open = node.ExpectMsg<OpenWindow>();
        // its answer is lost: the keeper opens the same window again
        Assert.Equal(open, node.ExpectMsg<OpenWindow>(TimeSpan.FromSeconds(5)));
        node.Reply(new WindowDone(open.Window, Start.PlusSeconds(12), 1));
        node.Reply(new WindowDone(open.Window, Start.PlusSeconds(12), 0)); // the late first answer changes nothing

        var status = ExpectMsg<ClockStatus>(TimeSpan.FromSeconds(5));
        Assert.Equal((Start.PlusSeconds(10), 1L, 1L), (status.Now, status.Windows, status.ChainTicks));
    }

    [Fact]
    public void A_chain_that_never_answers_fails_the_run_after_the_bound_naming_the_message_and_the_chain()
    {
        var chains = CreateTestProbe();
        var settings = new ClockSettings(StallTimeout: TimeSpan.FromMilliseconds(100)) { MaxResends = 2 };
        var node = Sys.ActorOf(NodeClock.Props(chains.Ref, CreateTestProbe().Ref, settings));
        var keeper = Sys.ActorOf(TimeKeeper.Props(node, settings, Start));
        keeper.Tell(new ClockCommand.Register("stuck", Start.PlusSeconds(6)));
        ExpectMsg<ClockStatus>();

        keeper.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(20)));
        var tick = chains.ExpectMsg<WindowTick>();
        // two re-sends, then none: the clock gives up and says why to whoever waits for it
        Assert.Equal(tick, chains.ExpectMsg<WindowTick>(TimeSpan.FromSeconds(5)));
        Assert.Equal(tick, chains.ExpectMsg<WindowTick>(TimeSpan.FromSeconds(5)));
        var status = ExpectMsg<ClockStatus>(TimeSpan.FromSeconds(5));
        Assert.Equal("window 1: no answer to WindowTick from stuck after 2 re-sends, 0.1 s apart", status.Undelivered);
        chains.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        // a later request hears the same at once
        keeper.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(30)));
        Assert.Equal(status.Undelivered, ExpectMsg<ClockStatus>().Undelivered);
    }

    /// <summary>
    /// A member downed (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md): the driver asks the clock to send the
    /// phase again at once, and in each phase only whoever has not answered gets its message again, without waiting for the
    /// stall timeout (an hour here); the window then completes.
    /// </summary>
    [Fact]
    public void Resend_sends_each_phase_again_at_once_to_whoever_has_not_answered_and_the_window_completes()
    {
        var (keeper, chains, channels) = Clock(TimeSpan.FromHours(1));
        keeper.Tell(new ClockCommand.Register("a", Start.PlusSeconds(6)));
        keeper.Tell(new ClockCommand.Register("b", Start.PlusSeconds(6)));
        ExpectMsg<ClockStatus>();
        ExpectMsg<ClockStatus>();
        keeper.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(10)));
        Assert.Equal("a", chains.ExpectMsg<WindowTick>().ChainId);
        chains.Reply(new ChainWindowDone(1, "a", Start.PlusSeconds(12), []));
        var tick = chains.ExpectMsg<WindowTick>();
        Assert.Equal(("b", 1L), (tick.ChainId, tick.Window));

        // b's tick is taken to be lost with its member: sent again to b alone
        keeper.Tell(new ClockCommand.Resend("member m was downed"));
        ExpectMsg<ClockStatus>();
        Assert.Equal(tick, chains.ExpectMsg<WindowTick>());
        chains.Reply(new ChainWindowDone(1, "b", Start.PlusSeconds(12), ["a-b/mesh"]));
        var relay = channels.ExpectMsg<RelayWindow>();

        keeper.Tell(new ClockCommand.Resend("member m was downed"));
        ExpectMsg<ClockStatus>();
        Assert.Equal(relay, channels.ExpectMsg<RelayWindow>());
        channels.Reply(new RelayWindowDone(1, "a-b/mesh", ["b"]));
        var seal = chains.ExpectMsg<SealWindow>();

        keeper.Tell(new ClockCommand.Resend("member m was downed"));
        ExpectMsg<ClockStatus>();
        Assert.Equal(seal, chains.ExpectMsg<SealWindow>());
        chains.Reply(new WindowSealed(1, "b"));
        var reached = ExpectMsg<ClockStatus>();
        Assert.Equal((Start.PlusSeconds(10), 1L), (reached.Now, reached.Windows));
        chains.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
