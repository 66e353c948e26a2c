using System.Collections.Concurrent;
using MeshSecurity.Core.Execution;
using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// Everything the network published, as it arrived, and the transactions a caller waits for. Thread-safe: written by
/// the recorder actor, read by the caller's tasks. <see cref="History"/> gives the canonical order.
/// </summary>
public sealed class NetworkLog
{
    private readonly ConcurrentQueue<EmulatorEvent> _events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TxResult>> _waiting = new(StringComparer.Ordinal);

    private long _blocks, _sent, _settled;

    /// <summary>Blocks committed so far, on all chains.</summary>
    public long Blocks => Interlocked.Read(ref _blocks);

    /// <summary>Packets sent and neither acknowledged nor timed out yet, on all channels.</summary>
    public long PacketsInFlight => Interlocked.Read(ref _sent) - Interlocked.Read(ref _settled);

    internal void Record(EmulatorEvent e)
    {
        _events.Enqueue(e);
        switch (e)
        {
            case EmulatorEvent.BlockCommitted: Interlocked.Increment(ref _blocks); break;
            case EmulatorEvent.PacketSent: Interlocked.Increment(ref _sent); break;
            case EmulatorEvent.PacketAcknowledged or EmulatorEvent.PacketTimedOut: Interlocked.Increment(ref _settled); break;
        }
        if (e is EmulatorEvent.TxExecuted tx)
            _waiting.GetOrAdd(tx.TxId, _ => new TaskCompletionSource<TxResult>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(tx.Result);
    }

    /// <summary>Completes when the transaction with this id has been executed in a block.</summary>
    public Task<TxResult> WhenExecuted(string txId) =>
        _waiting.GetOrAdd(txId, _ => new TaskCompletionSource<TxResult>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public IReadOnlyCollection<EmulatorEvent> Events => _events;

    /// <summary>Every event in canonical order (emulated time, chain, height, order within the block).</summary>
    public IReadOnlyList<EmulatorEvent> History()
    {
        var byChain = new Dictionary<(string, ulong), int>();
        var indexed = new List<(EmulatorEvent, int)>();
        foreach (var e in _events)
        {
            var key = (e.ChainId, e.Height);
            var i = byChain.GetValueOrDefault(key);
            byChain[key] = i + 1;
            indexed.Add((e, i));
        }
        indexed.Sort(EmulatorEvent.Order);
        return indexed.Select(x => x.Item1).ToList();
    }
}
