using Akka.Actor;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Chains;

namespace MeshSecurity.Emulator.Channels;

public sealed partial class ChannelActor
{
    private void Begin() => _busy = true;

    private void End()
    {
        _busy = false;
        Stash.UnstashAll();
    }

    /// <summary>
    /// Submits to the chains (a copy under another id of every batch with receives, while duplication is switched on),
    /// moves the chains' digest cut where the relayer's channel ends now are, and runs <paramref name="then"/> once every
    /// chain answered.
    /// </summary>
    private void Submit(IEnumerable<RelaySubmission> submissions, Action then)
    {
        // one message per chain: the chain journals them as one record and answers once
        var byChain = new SortedDictionary<string, List<TxSubmission>>(StringComparer.Ordinal);
        foreach (var s in submissions)
        {
            if (!byChain.TryGetValue(s.Chain, out var txs)) byChain[s.Chain] = txs = [];
            txs.Add(new TxSubmission(s.Tx, s.NotBefore, s.Key));
            if (_duplicate && s.CarriesPackets) txs.Add(new TxSubmission(s.Tx with { Id = s.Tx.Id + "/dup" }, s.NotBefore, s.Key + "/dup"));
        }
        foreach (var (chain, txs) in byChain)
        {
            Send(new ChainCommand.SubmitTxs(chain, _channelId, txs, ++_submissions));
            _submittedTo.Add(chain);
        }
        foreach (var chain in new[] { _spec!.ChainA, _spec.ChainB })
        {
            var end = _relayer!.EndOn(chain);
            if (Equals(_watching.GetValueOrDefault(chain), end)) continue;
            _watching[chain] = end;
            Send(new ChainCommand.Observe(chain, _channelId, end, ++_submissions));
            _submittedTo.Add(chain);
        }
        Settle(then);
    }

    /// <summary>The chains this channel submitted to (or moved its cut on) since it last reported a relay window done.</summary>
    private readonly SortedSet<string> _submittedTo = new(StringComparer.Ordinal);

    private System.Collections.Immutable.ImmutableArray<string> TakeSubmittedTo()
    {
        var chains = System.Collections.Immutable.ImmutableArray.CreateRange(_submittedTo);
        _submittedTo.Clear();
        return chains;
    }

    /// <summary>
    /// What the chains have not answered yet, by (kind, chain): one submission and one cut of each per chain at most. A
    /// second answer (the chain got the message twice) finds nothing and counts for nothing; a chain keeps a transaction
    /// once whatever the copies (ids), and moving a cut to where it is changes nothing. An answer counts only with the
    /// number of the request waiting (<see cref="_submissions"/>), so a late copy of the answer to an earlier submission
    /// to that chain never ends this one.
    /// </summary>
    private readonly Dictionary<(Sent Kind, string Chain), ChainCommand> _unanswered = [];

    /// <summary>The number of this relayer's last request to a chain (kept across its restarts, see <see cref="Recover"/>).</summary>
    private long _submissions;

    private enum Sent
    {
        Txs,
        Observe,
    }

    private void Send(ChainCommand command)
    {
        _unanswered[(command is ChainCommand.Observe ? Sent.Observe : Sent.Txs, command.ChainId)] = command;
        _sentCount++;
        _chains.Tell(command);
    }

    /// <summary>The clock re-sent the window this relayer still submits for: what the chains have not answered goes again.</summary>
    private void SendAgain()
    {
        foreach (var command in _unanswered.Values) _chains.Tell(command);
    }

    /// <summary>Submissions outside a window (a handshake's first step, a clear after a resume) have no clock to re-send them.</summary>
    /// <remarks>
    /// Once a second, or every stall timeout when that is shorter (a test's); the bound stays 60 s of unanswered re-sends.
    /// </remarks>
    private readonly TimeSpan _resendEvery;

    private readonly int _maxResends;
    private long _sentCount, _checkedCount;
    private int _resends;

    /// <summary>
    /// Once a second: what was already unanswered at the last check (no submission answered or sent since) goes again,
    /// up to <see cref="_maxResends"/> times, after which the step fails naming the chains. One timer for the actor's
    /// life, not one per submission: a window's submissions cost nothing more.
    /// </summary>
    private void CheckUnanswered()
    {
        var stuck = _unanswered.Count > 0 && _sentCount == _checkedCount;
        _checkedCount = _sentCount;
        if (!stuck)
        {
            _resends = 0;
            return;
        }
        if (++_resends <= _maxResends)
        {
            SendAgain();
            return;
        }
        var chains = string.Join(", ", _unanswered.Keys.Select(k => k.Chain).Distinct().Order(StringComparer.Ordinal));
        // whoever asked for the step hears of it by its own timeout; the channel shows the refusal in its info
        Self.Tell(new Failed(ActorRefs.Nobody, "submit", $"no answer from {chains} after {_maxResends} re-sends"));
    }

    private sealed class ResendCheck : INoSerializationVerificationNeeded
    {
        public static readonly ResendCheck Instance = new();
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("resend", ResendCheck.Instance, _resendEvery);

    private void Settle(Action then)
    {
        _settled = then;
        if (_unanswered.Count == 0) Complete();
    }

    private void Answered(Sent kind, string chain, long seq)
    {
        if (!_unanswered.TryGetValue((kind, chain), out var waiting) || SeqOf(waiting) != seq) return;
        _unanswered.Remove((kind, chain));
        _sentCount++;
        if (_unanswered.Count == 0 && _settled is not null) Complete();
    }

    private static long SeqOf(ChainCommand command) => command is ChainCommand.Observe o ? o.Seq : ((ChainCommand.SubmitTxs)command).Seq;

    private void Complete()
    {
        var then = _settled!;
        _settled = null;
        then();
        End();
    }

    /// <summary>What survives a crash: the configuration, the identifiers and the switches. The rest is rebuilt from the chains.</summary>
    private sealed record Recover(
        ChannelSpec? Spec, ChannelEnds? Ends, bool Open, bool Paused, bool Duplicate, RelayFaults Faults, long Restarts,
        string LastCrash, long Submissions, IActorRef ReplyTo)
        : INoSerializationVerificationNeeded;

    protected override void PreRestart(Exception reason, object message)
    {
        var lastCrash = message is ChannelCommand.Crash crash ? crash.Id : _lastCrash;
        Self.Tell(new Recover(_spec, _relayer?.Ends, _relayer?.IsOpen ?? false, _paused, _duplicate, _faults, _restarts, lastCrash,
            _submissions, Sender));
        // the mailbox stays; the new instance starts from Recover
    }

    protected override void PostRestart(Exception reason)
    {
        // until Recover says which crash this was, a copy of it must wait rather than crash the relayer again
        _recovering = true;
        base.PostRestart(reason);
    }

    /// <summary>
    /// A crash applies once by its id: a second copy is answered as the first, once the relayer is back. On a cluster the
    /// id is journaled first (<see cref="Crashing"/>), so a copy reaching a later incarnation crashes nothing either.
    /// </summary>
    private void OnCrash(ChannelCommand.Crash m)
    {
        if (_recovering || _crashing) Stash.Stash();
        else if (m.Id == _lastCrash) WhenFree(() => Sender.Tell(Info()));
        else if (!Journaled) throw new InvalidOperationException($"chaos: relayer {_channelId} crashed");
        else
        {
            (_crashing, _lastCrash) = (true, m.Id);
            var sender = Sender;
            JournalSwitches(() => Self.Tell(new Crashing(m.Id), sender));
        }
    }

    private bool _crashing;

    /// <summary>A crash whose id is journaled: the relayer crashes on it (its sender is the crash's, whom Recover answers).</summary>
    private sealed record Crashing(string Id) : INoSerializationVerificationNeeded;

    private void OnRecover(Recover m)
    {
        (_lastCrash, _recovering, _submissions) = (m.LastCrash, false, m.Submissions);
        Stash.UnstashAll();
        if (m.Spec is null) return;
        (_spec, _paused, _duplicate, _faults, _restarts) = (m.Spec, m.Paused, m.Duplicate, m.Faults, m.Restarts + 1);
        if (!m.Open || m.Ends is null)
        {
            (_refusedStep, _refusedError) = ("restart", "the relayer crashed before its channel was open");
            m.ReplyTo.Tell(Info());
            return;
        }
        Begin();
        Observe(new Started(m.ReplyTo, m));
    }
}
