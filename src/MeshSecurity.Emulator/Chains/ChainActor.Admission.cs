using Akka.Actor;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// What relayers hand a chain during a window's relay phase (transactions, observers) arrives in no fixed order. The chain
/// takes it in at once and journals it as one record, sorted, when the node clock seals the window (or, for what came in
/// outside a relay phase, before its next block): the journal is the same in every run, and nothing is included in a
/// block before its record. A chain that stops during a relay phase loses what it took in since the phase began.
/// </summary>
public sealed partial class ChainActor
{
    private readonly List<TxAccepted> _admittedTxs = [];
    private readonly SortedDictionary<string, ObserverAdded> _admittedObservers = new(StringComparer.Ordinal);

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
}
