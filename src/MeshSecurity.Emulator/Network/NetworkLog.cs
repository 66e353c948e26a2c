using System.Collections.Concurrent;
using System.Collections.Immutable;
using MeshSecurity.Core.Execution;
using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// What the network published, as counters, and where its events go: the recorder hands each flushed slice, in
/// canonical order, to the sinks (<see cref="Subscribe"/>) and keeps none of it. Also answers the transactions a caller
/// waits for. Thread-safe: written by the recorder actor, read by the caller's tasks.
/// </summary>
public sealed class NetworkLog
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TxResult>> _waiting = new(StringComparer.Ordinal);
    private ImmutableArray<IEventSink> _sinks = [];

    private long _blocks, _sent, _settled, _pending, _peakPending, _published;

    /// <summary>Blocks committed so far, on all chains.</summary>
    public long Blocks => Interlocked.Read(ref _blocks);

    /// <summary>Packets sent and neither acknowledged nor timed out yet, on all channels.</summary>
    public long PacketsInFlight => Interlocked.Read(ref _sent) - Interlocked.Read(ref _settled);

    /// <summary>Events the recorder holds now: those that arrived since the last flush (none right after one).</summary>
    public long PendingEvents => Interlocked.Read(ref _pending);

    /// <summary>The most events the recorder held at once in this run: about one slice of the clock's.</summary>
    public long PeakPendingEvents => Interlocked.Read(ref _peakPending);

    /// <summary>Events handed to the sinks so far.</summary>
    public long PublishedEvents => Interlocked.Read(ref _published);

    private ImmutableList<Events.ChainRecovered> _recoveries = [];

    /// <summary>Chain actors that stopped in the run and rebuilt themselves, in the order they did.</summary>
    public IReadOnlyList<Events.ChainRecovered> Recoveries => _recoveries;

    internal void Recovered(Events.ChainRecovered r) => ImmutableInterlocked.Update(ref _recoveries, l => l.Add(r));

    /// <summary>Transactions waited for and not executed yet (<see cref="WhenExecuted"/>).</summary>
    public int Waiting => _waiting.Count;

    /// <summary>
    /// Adds a sink: it receives every slice flushed from now on. Subscribe before the events it needs are published
    /// (before the first chain is added, for the whole history).
    /// </summary>
    public void Subscribe(IEventSink sink) => ImmutableInterlocked.Update(ref _sinks, s => s.Add(sink));

    internal void Arrived(EmulatorEvent e)
    {
        var pending = Interlocked.Increment(ref _pending);
        if (pending > Interlocked.Read(ref _peakPending)) Interlocked.Exchange(ref _peakPending, pending);
        switch (e)
        {
            case EmulatorEvent.BlockCommitted: Interlocked.Increment(ref _blocks); break;
            case EmulatorEvent.PacketSent: Interlocked.Increment(ref _sent); break;
            case EmulatorEvent.PacketAcknowledged or EmulatorEvent.PacketTimedOut: Interlocked.Increment(ref _settled); break;
            // answered and forgotten: only the transactions someone waits for are in the table, and only until executed
            case EmulatorEvent.TxExecuted tx when _waiting.TryRemove(tx.TxId, out var waiter): waiter.TrySetResult(tx.Result); break;
        }
    }

    /// <summary>A flushed slice, in canonical order, to every sink.</summary>
    internal void Publish(IReadOnlyList<EmulatorEvent> events)
    {
        Interlocked.Add(ref _pending, -events.Count);
        foreach (var sink in _sinks) sink.Write(events);
        Interlocked.Add(ref _published, events.Count);
    }

    /// <summary>
    /// Completes when the transaction with this id is executed in a block. Call it before the transaction can execute
    /// (before submitting it, or at least before the clock runs): a result that came before the wait is not kept.
    /// </summary>
    public Task<TxResult> WhenExecuted(string txId) =>
        _waiting.GetOrAdd(txId, _ => new TaskCompletionSource<TxResult>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Drops the wait for a transaction that will not be awaited any more (its caller gave up).</summary>
    public void Forget(string txId)
    {
        if (_waiting.TryRemove(txId, out var waiter)) waiter.TrySetCanceled();
    }
}
