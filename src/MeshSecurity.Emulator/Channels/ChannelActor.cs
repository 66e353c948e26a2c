using System.Collections.Immutable;
using Akka.Actor;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Channels;

/// <summary>
/// One IBC channel, both ends: the wire and the relayer. It drives Core's <see cref="Relayer"/> with messages: it keeps
/// the digests its two chains hand it during a window, and when the node clock says the window's chains are done, feeds
/// them to the relayer in (time, chain, height) order and submits what the relayer owes, answering once the chains
/// accepted it. It never awaits inside a handler: replies come back as messages, and what would start new work while
/// earlier work is unanswered waits in the stash. It keeps only the fault switches (pause, duplicate, crash); what was
/// owed it rebuilds from the two chains' state after a restart or a pause.
/// </summary>
public sealed partial class ChannelActor : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private readonly string _channelId;
    private readonly IActorRef _chains;
    private readonly List<BlockDigest> _observed = [];
    /// <summary>
    /// The (chain, height) of every digest in <see cref="_observed"/>: an idle channel (a link's transfer channel) is not woken
    /// for hours of emulated time, so its list grows to thousands, and a scan of it per digest was the ring's largest cost.
    /// </summary>
    private readonly HashSet<(string Chain, ulong Height)> _held = [];
    private readonly Dictionary<string, Core.Ibc.IbcEndpoint?> _watching = new(StringComparer.Ordinal);

    private ChannelSpec? _spec;
    private Relayer? _relayer;
    private bool _paused, _duplicate, _busy;
    private RelayFaults _faults = RelayFaults.None;
    private long _restarts, _relayedWindow = -1, _relayingWindow = -1;
    private RelayWindowDone? _lastRelayed;
    private string? _refusedStep, _refusedError;
    private string _lastCrash = "";
    private bool _recovering;
    private Action? _settled;

    /// <param name="persistenceId">
    /// On a cluster, where the channel journals its inputs and keeps its snapshots (ChannelActor.Journal.cs); null: it
    /// journals nothing (a single node, whose network is resumed from its checkpoints).
    /// </param>
    /// <param name="snapshotEvery">With a persistence id: the relayed windows between two snapshots.</param>
    public ChannelActor(string channelId, IActorRef chains, TimeSpan? stallTimeout = null, string? persistenceId = null,
        int snapshotEvery = DefaultSnapshotEvery)
    {
        _channelId = channelId;
        _chains = chains;
        _persistenceId = persistenceId;
        _snapshotEvery = snapshotEvery > 0 ? snapshotEvery : DefaultSnapshotEvery;
        _resendEvery = stallTimeout is { } t && t < TimeSpan.FromSeconds(1) ? t : TimeSpan.FromSeconds(1);
        _maxResends = (int)global::System.Math.Ceiling(TimeSpan.FromSeconds(60) / _resendEvery);
        if (persistenceId is null) Ready();
        else Loading();
    }

    private void Ready()
    {
        Receive<ChannelCommand.Open>(m => WhenFree(() => OnOpen(m)));
        Receive<DigestObserved>(OnDigest);
        Receive<RelayWindow>(m =>
        {
            if (_busy && m.Window == _relayingWindow) SendAgain();
            else WhenFree(() => OnRelayWindow(m));
        });
        Receive<ChainReply.AcceptedAll>(m => Answered(Sent.Txs, m.ChainId, m.Seq));
        Receive<ChainReply.Observed>(m => Answered(Sent.Observe, m.ChainId, m.Seq));
        Receive<Started>(OnStarted);
        Receive<Snapshots>(OnSnapshots);
        Receive<Failed>(OnFailed);
        Receive<ChannelCommand.Pause>(_ =>
        {
            _paused = true;
            var sender = Sender;
            JournalSwitches(() => sender.Tell(Info()));
        });
        Receive<ChannelCommand.Resume>(_ => WhenFree(OnResume));
        Receive<ChannelCommand.GetInfo>(_ => Sender.Tell(Info()));
        Receive<ChannelCommand.DuplicateDeliveries>(m =>
        {
            _duplicate = m.Enabled;
            JournalSwitches(() => { });
        });
        Receive<ChannelCommand.SetFaults>(m =>
        {
            _faults = m.Faults;
            if (_relayer is not null) _relayer.Faults = _faults;
            var sender = Sender;
            JournalSwitches(() => sender.Tell(Info()));
        });
        Receive<ChannelCommand.Crash>(OnCrash);
        Receive<Crashing>(_ => throw new InvalidOperationException($"chaos: relayer {_channelId} crashed"));
        Receive<Recover>(m => WhenFree(() => OnRecover(m)));
        Receive<ChannelCheckpoint.Capture>(_ => WhenFree(Capture));
        Receive<ChannelCheckpoint.Restore>(Restore);
        Receive<ResendCheck>(_ => CheckUnanswered());
        Receive<HandOffChannel>(_ => WhenFree(HandOff));
        Writes();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string channelId, IActorRef chains, TimeSpan? stallTimeout = null, string? persistenceId = null,
        int snapshotEvery = DefaultSnapshotEvery) =>
        Akka.Actor.Props.Create(() => new ChannelActor(channelId, chains, stallTimeout, persistenceId, snapshotEvery));

    /// <summary>
    /// A read of a chain (its end, or its header with a registration of the same cut): re-sent as the submissions are,
    /// and bounded the same way, through the one re-sending ask (docs/decisions/0013).
    /// </summary>
    private Task<T> AskChain<T>(ChainCommand read) => ResendingAsk.Ask<T>(_chains, read, read.ChainId, _resendEvery, _maxResends);

    /// <summary>Work that submits waits until the chains answered the previous submissions (or the chains' replies came).</summary>
    private void WhenFree(Action handle)
    {
        if (_busy) Stash.Stash();
        else handle();
    }

    private void OnOpen(ChannelCommand.Open m)
    {
        if (_spec is not null)
        {
            Sender.Tell(_refusedStep is { } step
                ? new ChannelReply.Refused(_channelId, step, _refusedError!)
                : new ChannelReply.Opening(_channelId));
            return;
        }
        _spec = m.Spec;
        Begin();
        Observe(new Started(Sender, null));
    }

    /// <summary>Registers with both chains (the replies carry their headers) and continues with <paramref name="next"/>.</summary>
    private void Observe(Started next)
    {
        var s = _spec!;
        var replyTo = next.ReplyTo;
        Task.WhenAll(new[] { s.ChainA, s.ChainB }
                .Select(c => AskChain<ChainReply.Observed>(new ChainCommand.Observe(c, _channelId))))
            .PipeTo(Self, success: r => next with { Ends = [.. r] }, failure: ex => new Failed(replyTo, "observe", ex.Message));
    }

    private void OnStarted(Started m)
    {
        var s = _spec!;
        var (a, b) = (m.Ends[0].End, m.Ends[1].End);
        _watching[s.ChainA] = _watching[s.ChainB] = null;
        if (m.Recovering is { } r)
        {
            _relayer = Relayer.Reopened(_channelId, s, (int)_restarts, r.Ends!, a, b);
            _relayer.Faults = _faults;
            if (_paused) Settle(() => SaveSnapshot(() => m.ReplyTo.Tell(Info())));
            else Clear(m.ReplyTo);
            return;
        }
        _relayer = new Relayer(_channelId, s, (int)_restarts) { Faults = _faults };
        // open once its snapshot is saved: a channel that answered Opening and then lost its relayer would never open
        Submit(_relayer.Start(a, b, _relayer.LatestHeaderTime),
            () => SaveSnapshot(() => m.ReplyTo.Tell(new ChannelReply.Opening(_channelId))));
    }

    private void OnFailed(Failed m)
    {
        (_refusedStep, _refusedError) = (m.Step, m.Error);
        _unanswered.Clear();
        _settled = null;
        SaveSnapshot(() => m.ReplyTo.Tell(new ChannelReply.Refused(_channelId, m.Step, m.Error)));
        End();
    }

    private void OnDigest(DigestObserved m)
    {
        // a stopped relayer watches nothing: after a resume it clears from the chains' state instead
        var kept = !_paused && _relayer is not null && _refusedStep is null;
        var key = (m.Digest.ChainId, m.Digest.Height);
        // a second copy of a digest it holds (delivered twice, or re-sent by a chain that missed the answer) is kept once
        var first = kept && _held.Add(key);
        if (first) _observed.Add(m.Digest);
        // what it decides depends only on the windows it relayed (never on this window's arrival order), so the answer does too
        var ack = new DigestAck(_channelId, m.Digest.ChainId, m.Digest.Height, kept && _relayer!.Matters(m.Digest));
        // on a cluster the chain hears of it once it is journaled (it sends an acknowledged digest to no later incarnation)
        if (!Journaled) Sender.Tell(ack);
        else if (first) KeepDigest(m.Digest, Sender, ack);
        else AfterKept(key, Sender, ack);
    }

    /// <summary>Forgets the digests held (relayed, or cleared from the chains' state).</summary>
    private void Release()
    {
        _observed.Clear();
        _held.Clear();
    }

    private void OnRelayWindow(RelayWindow m)
    {
        var clock = Sender;
        // a copy of the window whose record is being written: the answer follows the write
        if (m.Window == _recordingWindow) return;
        if (m.Window <= _relayedWindow || _relayer is null)
        {
            // the same answer to the window it relayed last (the first was lost): the chains it submitted to seal it
            clock.Tell(m.Window == _relayedWindow && _lastRelayed is { } last ? last : new RelayWindowDone(m.Window, _channelId));
            return;
        }
        _relayingWindow = m.Window;
        _observed.Sort(DigestOrder.Instance);
        var submissions = new List<RelaySubmission>();
        foreach (var d in _observed) submissions.AddRange(_relayer.Observe(d));
        var relayedAny = _observed.Count > 0;
        Release();
        Begin();
        Submit(submissions, () =>
        {
            var done = new RelayWindowDone(m.Window, _channelId, TakeSubmittedTo());
            void Answer()
            {
                (_recordingWindow, _relayedWindow, _lastRelayed) = (null, m.Window, done);
                clock.Tell(done);
            }
            // a window that read no digest and submitted nothing changed nothing to journal
            if (!relayedAny && done.Chains.IsEmpty)
            {
                Answer();
                return;
            }
            _recordingWindow = m.Window;
            Journal(new WindowRelayed(m.Window, done.Chains), () =>
            {
                Answer();
                Relayed();
            });
        });
    }

    private void OnResume()
    {
        var sender = Sender;
        var wasPaused = _paused;
        _paused = false;
        if (!wasPaused || _relayer is not { IsOpen: true })
        {
            if (wasPaused) JournalSwitches(() => sender.Tell(Info()));
            else sender.Tell(Info());
            return;
        }
        Begin();
        Clear(sender);
    }

    /// <summary>Reads both ends' state and rebuilds what is owed from it (after a pause or a restart).</summary>
    private void Clear(IActorRef replyTo)
    {
        var ends = _relayer!.Ends!;
        Task.WhenAll(AskChain<ChainReply.EndState>(new ChainCommand.GetEnd(ends.ChainA, ends.PortA, ends.ChannelA)),
                AskChain<ChainReply.EndState>(new ChainCommand.GetEnd(ends.ChainB, ends.PortB, ends.ChannelB)))
            .PipeTo(Self, success: r => new Snapshots(replyTo, r[0].Snapshot, r[1].Snapshot),
                failure: ex => new Failed(replyTo, "clear", ex.Message));
    }

    private void OnSnapshots(Snapshots m)
    {
        var now = m.A.Header.Time > m.B.Header.Time ? m.A.Header.Time : m.B.Header.Time;
        Release();
        // its relayer rebuilt from the chains' end state, which no record replays: a snapshot
        Submit(_relayer!.Clear(m.A, m.B, now), () => SaveSnapshot(() => m.ReplyTo.Tell(Info())));
    }

    private ChannelReply.Info Info()
    {
        var c = _relayer?.Counters ?? new RelayerCounters(0, 0, 0, 0, 0, 0);
        return new(_channelId, _relayer?.Ends, _relayer?.IsOpen ?? false, _paused, c.Sent, c.Received, c.Acknowledged, c.TimedOut,
            c.FailedTxs, _relayer?.Owed ?? 0, _restarts, _refusedStep ?? _relayer?.RefusedStep, _refusedError ?? _relayer?.RefusedError);
    }

    /// <summary>(time, chain, height): the order a relayer reads blocks in, whatever order they arrived in.</summary>
    private sealed class DigestOrder : IComparer<BlockDigest>
    {
        public static readonly DigestOrder Instance = new();

        public int Compare(BlockDigest? x, BlockDigest? y)
        {
            var c = x!.Instant.CompareTo(y!.Instant);
            if (c != 0) return c;
            c = string.CompareOrdinal(x.ChainId, y.ChainId);
            return c != 0 ? c : x.Height.CompareTo(y.Height);
        }
    }

    private sealed record Started(IActorRef ReplyTo, Recover? Recovering, ImmutableArray<ChainReply.Observed> Ends = default)
        : INoSerializationVerificationNeeded;

    private sealed record Snapshots(IActorRef ReplyTo, EndSnapshot A, EndSnapshot B) : INoSerializationVerificationNeeded;

    private sealed record Failed(IActorRef ReplyTo, string Step, string Error) : INoSerializationVerificationNeeded;
}
