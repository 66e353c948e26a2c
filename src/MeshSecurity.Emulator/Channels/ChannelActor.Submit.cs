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
            Send(new ChainCommand.SubmitTxs(chain, _channelId, txs));
            _submittedTo.Add(chain);
        }
        foreach (var chain in new[] { _spec!.ChainA, _spec.ChainB })
        {
            var end = _relayer!.EndOn(chain);
            if (Equals(_watching.GetValueOrDefault(chain), end)) continue;
            _watching[chain] = end;
            Send(new ChainCommand.Observe(chain, _channelId, end));
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

    private void Send(ChainCommand command)
    {
        _unanswered++;
        _chains.Tell(command);
    }

    private void Settle(Action then)
    {
        _settled = then;
        if (_unanswered == 0) Complete();
    }

    private void Answered()
    {
        if (--_unanswered == 0 && _settled is not null) Complete();
    }

    private void Complete()
    {
        var then = _settled!;
        _settled = null;
        then();
        End();
    }

    /// <summary>What survives a crash: the configuration, the identifiers and the switches. The rest is rebuilt from the chains.</summary>
    private sealed record Recover(
        ChannelSpec Spec, ChannelEnds? Ends, bool Open, bool Paused, bool Duplicate, ulong LagNanos, double Loss, long Restarts,
        IActorRef ReplyTo)
        : INoSerializationVerificationNeeded;

    protected override void PreRestart(Exception reason, object message)
    {
        if (_spec is not null)
            Self.Tell(new Recover(_spec, _relayer?.Ends, _relayer?.IsOpen ?? false, _paused, _duplicate, _lagNanos, _loss, _restarts,
                Sender));
        // the mailbox stays; the new instance starts from Recover
    }

    private void OnRecover(Recover m)
    {
        (_spec, _paused, _duplicate, _lagNanos, _loss, _restarts) = (m.Spec, m.Paused, m.Duplicate, m.LagNanos, m.Loss, m.Restarts + 1);
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
