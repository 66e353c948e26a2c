using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// What relayers hand a chain during a window's relay phase (transactions, observers) arrives in no fixed order. On one
/// node the chain takes it in at once and journals it as one record, sorted, when the node clock seals the window (or,
/// for what came in outside a relay phase, before its next block): the journal is the same in every run, and nothing is
/// included in a block before its record; a chain that stops during a relay phase loses what it took in since the phase
/// began, and the run starts again from its checkpoint. On a cluster a member may be killed and its chains carried on
/// elsewhere (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md): there each message is journaled as it
/// arrives and answered once written, so nothing a chain answered is lost, and a copy re-sent to the next incarnation is
/// answered as the first was. The state does not depend on the records' order (the mempool is keyed, seen ids a set).
/// </summary>
public sealed partial class ChainActor
{
    private readonly bool _journalOnArrival;

    private readonly List<TxAccepted> _admittedTxs = [];
    private readonly SortedDictionary<string, ObserverAdded> _admittedObservers = new(StringComparer.Ordinal);

    /// <summary>
    /// A new observer, or a moved cut, is journaled when the window is sealed, or on a cluster before it is answered: a
    /// restarted chain keeps it.
    /// </summary>
    private void Observe(ChainCommand.Observe m)
    {
        var reply = new ChainReply.Observed(_chainId, m.ChannelId,
            new RelayEnd(ChainGenesis.HeaderOf(Committed()), _state.Prefix, _state.Config.UnbondingPeriodSeconds), m.Seq);
        var known = _observers.TryGetValue(m.ChannelId, out var end) && end == m.End;
        _observers[m.ChannelId] = m.End;
        var record = new ObserverAdded(m.ChannelId, m.End);
        var written = known || _journaledObservers.Remove(record);
        if (_journalOnArrival) AnswerWhenWritten(written ? null : record, reply);
        else
        {
            if (!written) _admittedObservers[m.ChannelId] = record;
            Sender.Tell(reply);
        }
    }

    /// <summary>
    /// A relayer's submissions: in the mempool at once, journaled when the window is sealed, or on a cluster before they are
    /// answered (see ChainActor.Admission).
    /// </summary>
    private void SubmitAll(ChainCommand.SubmitTxs m)
    {
        List<TxAccepted> records = _journalOnArrival ? [] : _admittedTxs;
        foreach (var s in m.Txs)
            if (Admit(s.Tx, s.NotBefore, m.Submitter, s.Key).Record is { } record) records.Add(record);
        var reply = new ChainReply.AcceptedAll(_chainId, m.Txs.Count, m.Seq);
        if (_journalOnArrival) AnswerWhenWritten(records.Count == 0 ? null : new Admitted(records, []), reply);
        else Sender.Tell(reply);
    }

    private void Seal(SealWindow m)
    {
        var clock = Sender;
        Flush(() => clock.Tell(new WindowSealed(m.Window, _chainId)));
    }

    private void Flush(Action then)
    {
        if (_admittedTxs.Count == 0 && _admittedObservers.Count == 0)
        {
            then();
            return;
        }
        _admittedTxs.Sort((a, b) => MempoolOrder.Instance.Compare((a.NotBefore, a.Submitter, a.Key), (b.NotBefore, b.Submitter, b.Key)));
        var record = new Admitted([.. _admittedTxs], [.. _admittedObservers.Values]);
        _admittedTxs.Clear();
        _admittedObservers.Clear();
        // written in this order before anything later (a block's record); the window does not wait for the write: a
        // restarted chain's journal requests queue behind it
        PersistAsync(record, _ => { });
        then();
    }

    /// <summary>
    /// Answers once <paramref name="record"/> is written; with none to write (a copy, or nothing new), once the writes
    /// before it are (a deferral runs after them), so a copy is never answered before its first.
    /// </summary>
    private void AnswerWhenWritten(IJournalRecord? record, object reply)
    {
        var sender = Sender;
        if (record is null) DeferAsync(reply, r => sender.Tell(r));
        else PersistAsync(record, _ => sender.Tell(reply));
    }
}
