using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// A history kept in memory, for tests and short runs without an output folder: at most <see cref="Capacity"/> events,
/// the newest; <see cref="Events"/> refuses to answer once older ones were dropped, so a check never reads a history
/// with a hole at its start.
/// </summary>
public sealed class EventHistory(int capacity = EventHistory.DefaultCapacity) : IEventSink
{
    /// <summary>About 100 MiB of live heap at the profiled 1-8 KiB an event.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Queue<EmulatorEvent> _events = new();
    private readonly Lock _gate = new();
    private long _dropped;

    public int Capacity { get; } =
        capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");

    /// <summary>Events written so far, kept or dropped.</summary>
    public long Written
    {
        get
        {
            lock (_gate) return _dropped + _events.Count;
        }
    }

    public void Write(IReadOnlyList<EmulatorEvent> events)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                if (_events.Count == Capacity)
                {
                    _events.Dequeue();
                    _dropped++;
                }
                _events.Enqueue(e);
            }
        }
    }

    /// <summary>Every event written so far, in canonical order.</summary>
    public IReadOnlyList<EmulatorEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _dropped == 0 ? [.. _events]
                    : throw new InvalidOperationException($"the history kept only the last {Capacity:N0} of " +
                        $"{_dropped + _events.Count:N0} events: give the run an output folder, where events.jsonl holds them all");
            }
        }
    }
}
