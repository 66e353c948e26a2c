using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Time;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests.Channels;

/// <summary>
/// A relayer between two chains played by a probe: what it does with a second copy of a digest, of a chain's answer, and
/// with a late copy of the answer to its previous submission to a chain (docs/decisions/0013). A message the relayer sends
/// after a test's message (an info asked for) marks where it stands: a relayer processes its mailbox in order, so an
/// answer it owed because of the earlier message would come first.
/// </summary>
public class RelayerAnswerTests(ITestOutputHelper output)
    : TestKit("akka.persistence.snapshot-store.plugin = \"akka.persistence.snapshot-store.inmem\"", output: output)
{
    private const string Id = "a-b/transfer";
    private static readonly Timestamp T = Timestamp.FromSeconds(1_700_000_000);

    [Fact]
    public void A_late_copy_of_the_answer_to_the_previous_submission_does_not_end_the_next_one()
    {
        var (channel, chains) = Opened(out var first);
        var clock = CreateTestProbe();
        var digests = CreateTestProbe();
        // both clients are created: the next step (the connection's init) goes to chain A
        foreach (var s in first) channel.Tell(new DigestObserved(Id, Digest(s.ChainId, 2, Created(s))), digests.Ref);
        channel.Tell(new RelayWindow(Id, 1), clock.Ref);
        var next = Submissions(channel, chains);
        var onA = Assert.Single(next, s => s.ChainId == "a-1");
        var before = Assert.Single(first, s => s.ChainId == "a-1");
        Assert.True(onA.Seq > before.Seq, $"{onA.Seq} after {before.Seq}");
        foreach (var s in next.Where(s => s != onA)) channel.Tell(new ChainReply.AcceptedAll(s.ChainId, s.Txs.Count, s.Seq), chains.Ref);

        // chain A's answer to the clients' submission, delivered again late: it must not count for the connection's
        channel.Tell(new ChainReply.AcceptedAll("a-1", before.Txs.Count, before.Seq), chains.Ref);
        channel.Tell(new ChannelCommand.GetInfo(Id), clock.Ref);
        clock.ExpectMsg<ChannelReply.Info>();

        channel.Tell(new ChainReply.AcceptedAll("a-1", onA.Txs.Count, onA.Seq), chains.Ref);
        Assert.Equal(1, clock.ExpectMsg<RelayWindowDone>().Window);
    }

    [Fact]
    public void A_chain_answering_a_submission_twice_counts_once()
    {
        var (channel, chains, first) = Opening();
        var (a, b) = (first.Single(s => s.ChainId == "a-1"), first.Single(s => s.ChainId == "b-1"));

        channel.Tell(new ChainReply.AcceptedAll("a-1", a.Txs.Count, a.Seq), chains.Ref);
        channel.Tell(new ChainReply.AcceptedAll("a-1", a.Txs.Count, a.Seq), chains.Ref);
        // chain B has not answered: the relayer is still opening, so the info comes first
        channel.Tell(new ChannelCommand.GetInfo(Id), TestActor);
        Assert.False(ExpectMsg<ChannelReply.Info>().Open);

        channel.Tell(new ChainReply.AcceptedAll("b-1", b.Txs.Count, b.Seq), chains.Ref);
        ExpectMsg<ChannelReply.Opening>();
    }

    [Fact]
    public void A_digest_delivered_twice_is_kept_once_and_acknowledged_alike()
    {
        var (channel, _) = Opened(out var first);
        var digests = CreateTestProbe();
        var digest = new DigestObserved(Id, Digest("a-1", 2, Created(first.Single(s => s.ChainId == "a-1"))));

        channel.Tell(digest, digests.Ref);
        channel.Tell(digest, digests.Ref);
        var acks = new[] { digests.ExpectMsg<DigestAck>(), digests.ExpectMsg<DigestAck>() };
        Assert.Equal(acks[0], acks[1]);
        Assert.True(acks[0].Matters);

        // what a checkpoint saves of the digests the relayer holds for its next window: the block once
        channel.Tell(new ChannelCheckpoint.Capture(Id), TestActor);
        var held = ExpectMsg<ChannelCheckpoint.Captured>().Snapshot.Observed;
        var kept = Assert.Single(held);
        Assert.Equal(("a-1", 2UL), (kept.ChainId, kept.Height));
    }

    [Fact]
    public void A_restore_delivered_again_after_the_run_went_on_is_not_applied_again()
    {
        var (opened, _) = Opened(out _);
        opened.Tell(new ChannelCheckpoint.Capture(Id), TestActor);
        var restore = new ChannelCheckpoint.Restore(ExpectMsg<ChannelCheckpoint.Captured>().Snapshot);
        var resumed = Sys.ActorOf(ChannelActor.Props(Id, CreateTestProbe().Ref));

        resumed.Tell(restore, TestActor);
        Assert.False(ExpectMsg<ChannelReply.Info>().Paused);
        resumed.Tell(new ChannelCommand.Pause(Id), TestActor);
        Assert.True(ExpectMsg<ChannelReply.Info>().Paused);
        // the re-sent copy of the restore comes late: the relayer stays as the run left it (paused), not as the snapshot
        resumed.Tell(restore, TestActor);
        Assert.True(ExpectMsg<ChannelReply.Info>().Paused);
    }

    /// <summary>
    /// A relayer crashed, then handed off to another member (ChannelActor.HandOff.cs): a late copy of the crash reaching its
    /// next incarnation is answered as the first was, without crashing it again (docs/decisions/0013, "Not done yet" of
    /// session 19); a network checkpoint's part leaves the id out (a resumed run's driver numbers its crashes again).
    /// </summary>
    [Fact]
    public void A_late_copy_of_a_crash_after_a_hand_off_does_not_crash_the_relayer_again()
    {
        const string persistenceId = "run-test/channel/" + Id;
        var (channel, _) = Opened(out _, persistenceId);
        var crash = new ChannelCommand.Crash(Id, "test/1");
        channel.Tell(crash, TestActor);
        Assert.Equal(1, ExpectMsg<ChannelReply.Info>().Restarts);
        channel.Tell(new ChannelCheckpoint.Capture(Id), TestActor);
        Assert.Null(ExpectMsg<ChannelCheckpoint.Captured>().Snapshot.LastCrash);

        Watch(channel);
        channel.Tell(HandOffChannel.Instance);
        ExpectTerminated(channel);
        var next = Sys.ActorOf(ChannelActor.Props(Id, CreateTestProbe().Ref, persistenceId: persistenceId));
        next.Tell(crash, TestActor);

        Assert.Equal(1, ExpectMsg<ChannelReply.Info>().Restarts);
        // another crash still crashes it
        next.Tell(new ChannelCommand.Crash(Id, "test/2"), TestActor);
        Assert.Equal(2, ExpectMsg<ChannelReply.Info>().Restarts);
    }

    /// <summary>A relayer that opened its handshake: both chains accepted the clients' creation (<paramref name="first"/>).</summary>
    private (IActorRef Channel, TestProbe Chains) Opened(out IReadOnlyList<ChainCommand.SubmitTxs> first, string? persistenceId = null)
    {
        var (channel, chains, submitted) = Opening(persistenceId);
        foreach (var s in submitted) channel.Tell(new ChainReply.AcceptedAll(s.ChainId, s.Txs.Count, s.Seq), chains.Ref);
        ExpectMsg<ChannelReply.Opening>();
        first = submitted;
        return (channel, chains);
    }

    /// <summary>A relayer asked to open, that registered with both chains and submitted the clients' creation to each.</summary>
    private (IActorRef Channel, TestProbe Chains, IReadOnlyList<ChainCommand.SubmitTxs> First) Opening(string? persistenceId = null)
    {
        var chains = CreateTestProbe();
        var channel = Sys.ActorOf(ChannelActor.Props(Id, chains.Ref, persistenceId: persistenceId));
        channel.Tell(new ChannelCommand.Open(Id, Spec()), TestActor);
        for (var i = 0; i < 2; i++)
        {
            var observe = chains.ExpectMsg<ChainCommand.Observe>();
            chains.LastSender.Tell(new ChainReply.Observed(observe.ChainId, Id, new RelayEnd(Header(observe.ChainId, 1),
                observe.ChainId[..1], 1_814_400), observe.Seq));
        }
        return (channel, chains, [
            chains.FishForMessage<ChainCommand.SubmitTxs>(_ => true), chains.FishForMessage<ChainCommand.SubmitTxs>(_ => true)]);
    }

    /// <summary>The submissions the relayer made for a window (up to an info it is asked for after it), one per number.</summary>
    private static List<ChainCommand.SubmitTxs> Submissions(IActorRef channel, TestProbe chains)
    {
        channel.Tell(new ChannelCommand.GetInfo(Id), chains.Ref);
        var seen = new Dictionary<long, ChainCommand.SubmitTxs>();
        // a copy re-sent by the relayer's once-a-second check has the number of its first
        while (chains.ReceiveOne(TimeSpan.FromSeconds(3)) is not ChannelReply.Info and { } m)
            if (m is ChainCommand.SubmitTxs s) seen.TryAdd(s.Seq, s);
        return [.. seen.Values];
    }

    private static RelayTxOutcome Created(ChainCommand.SubmitTxs clients) =>
        new(Assert.Single(clients.Txs).Tx.Id, null, ["07-tendermint-0"]);

    private static BlockDigest Digest(string chain, ulong height, RelayTxOutcome outcome) =>
        new(chain, Header(chain, height), [], [outcome]);

    private static ClientHeader Header(string chain, ulong height) =>
        new(chain, height, T.PlusSeconds(5 * height), ImmutableSortedDictionary<string, byte[]>.Empty.Add("v1", [1, 2, 3]));

    private static ChannelSpec Spec() => new("a-1", "transfer", "b-1", "transfer", "ics20-1");
}
