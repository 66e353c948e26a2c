using Akka.TestKit.Xunit2;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests.Network;

/// <summary>
/// A request re-sent until answered (docs/decisions/0013) stops when its network ends: an attempt abandoned after a
/// member's loss re-sent its unbounded run of the clock to the stopped singleton for as long as the next attempt ran.
/// </summary>
public class ResendingAskTests(ITestOutputHelper output) : TestKit(output: output)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task An_unanswered_request_is_sent_again_until_cancelled_and_then_never_again()
    {
        var silent = CreateTestProbe();
        using var ending = new CancellationTokenSource();

        var ask = ResendingAsk.Ask<string>(silent, "run", "the clock", Every, ResendingAsk.Unbounded, ending.Token);
        await silent.ExpectMsgAsync("run");
        await silent.ExpectMsgAsync("run");
        await ending.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
        // copies sent before the wait ended (a test thread held up past an interval on a busy machine) are already queued:
        // the probe's dispatcher delivers on the sender's thread; from here on, nothing more may come
        while (silent.HasMessages) await silent.ExpectMsgAsync("run", TimeSpan.Zero);
        await silent.ExpectNoMsgAsync(Every * 5);
    }

    [Fact]
    public async Task A_request_answered_after_a_resend_returns_the_answer()
    {
        var slow = CreateTestProbe();

        var ask = ResendingAsk.Ask<string>(slow, "status", "the clock", Every, 5);
        await slow.ExpectMsgAsync("status");
        await slow.ExpectMsgAsync("status");
        slow.Reply("answered");

        Assert.Equal("answered", await ask);
    }
}
