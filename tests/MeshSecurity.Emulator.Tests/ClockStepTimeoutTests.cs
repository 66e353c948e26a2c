using Akka.Actor;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Clock;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// The clock's watchdog: a step whose entity never answers is ended after the step timeout (the network goes on and
/// says who stalled), and a step answered in time is never cut short.
/// </summary>
public class ClockStepTimeoutTests : TestKit
{
    public ClockStepTimeoutTests(ITestOutputHelper output) : base(output: output) { }

    private static readonly Timestamp Start = Timestamp.FromSeconds(1_700_000_000);

    [Fact]
    public void A_step_nobody_answers_ends_after_the_step_timeout_and_the_clock_moves_on()
    {
        var chains = CreateTestProbe();
        var channels = CreateTestProbe();
        var clock = Sys.ActorOf(ClockActor.Props(chains.Ref, channels.Ref, new ClockSettings(StepTimeout: TimeSpan.FromMilliseconds(400)), Start));
        clock.Tell(new ClockCommand.Schedule([new TimerRequest(Start.PlusSeconds(6), TimerTarget.Chain, "stuck")]));
        ExpectMsg<ClockStatus>();

        EventFilter.Error(contains: "no answer from stuck").ExpectOne(TimeSpan.FromSeconds(10), () =>
        {
            clock.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(10)));
            var tick = chains.ExpectMsg<ChainTick>();
            Assert.Equal("stuck", tick.ChainId);
            Assert.Equal(Start.PlusSeconds(6), tick.Now);
            // no StepDone: the watchdog must end the step
        });
        var status = ExpectMsg<ClockStatus>(TimeSpan.FromSeconds(10));
        Assert.Equal(Start.PlusSeconds(10), status.Now);
        Assert.False(status.Running);
    }

    [Fact]
    public void A_step_answered_in_time_is_not_timed_out_and_its_next_timer_runs()
    {
        var chains = CreateTestProbe();
        var channels = CreateTestProbe();
        var clock = Sys.ActorOf(ClockActor.Props(chains.Ref, channels.Ref, new ClockSettings(StepTimeout: TimeSpan.FromSeconds(20)), Start));
        clock.Tell(new ClockCommand.Schedule([new TimerRequest(Start.PlusSeconds(6), TimerTarget.Chain, "a")]));
        ExpectMsg<ClockStatus>();

        EventFilter.Error().Expect(0, () =>
        {
            clock.Tell(new ClockCommand.RunUntil(Start.PlusSeconds(13)));
            var first = chains.ExpectMsg<ChainTick>();
            chains.Reply(new StepDone(first.Step, "a", [new TimerRequest(Start.PlusSeconds(12), TimerTarget.Chain, "a")]));
            var second = chains.ExpectMsg<ChainTick>();
            Assert.Equal(Start.PlusSeconds(12), second.Now);
            chains.Reply(new StepDone(second.Step, "a", []));
            var status = ExpectMsg<ClockStatus>();
            Assert.Equal(Start.PlusSeconds(13), status.Now);
            Assert.Equal(2UL, status.Steps);
        });
    }

    [Fact]
    public void A_step_timeout_that_is_not_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockSettings(StepTimeout: TimeSpan.Zero).EffectiveStepTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), ClockSettings.Max.EffectiveStepTimeout);
    }
}
