using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// Where the network's events go as the run goes: after each flush (the end of a clock slice), the events that arrived
/// since the last one, in canonical order (<see cref="EmulatorEvent.Order"/>); every batch follows the one before it in
/// that order, so the batches of a run, one after the other, are its whole history. Called on the recorder's thread,
/// one batch at a time; a sink keeps what it needs (a line in a file, a counter), not the batch.
/// </summary>
public interface IEventSink
{
    void Write(IReadOnlyList<EmulatorEvent> events);
}
