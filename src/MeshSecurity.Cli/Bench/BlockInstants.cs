using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;

namespace MeshSecurity.Cli.Bench;

/// <summary>
/// Counts the distinct emulated instants at which some chain committed a block. The sink's batches come in canonical
/// order, time first, so a new instant is a block later than the last one seen.
/// </summary>
public sealed class BlockInstants : IEventSink
{
    private long _count;
    private Timestamp? _last;

    /// <summary>Distinct block instants so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    public void Write(IReadOnlyList<EmulatorEvent> events)
    {
        foreach (var e in events)
        {
            if (e is not EmulatorEvent.BlockCommitted || e.Time == _last) continue;
            _last = e.Time;
            Interlocked.Increment(ref _count);
        }
    }
}
