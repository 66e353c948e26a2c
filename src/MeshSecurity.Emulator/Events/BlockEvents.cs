using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Events;

/// <summary>
/// A block's events, in the block's order, published as one message on the local event stream (one per block rather
/// than one per event: they were most of the actor messages a relayed packet cost).
/// </summary>
public sealed record BlockEvents(IReadOnlyList<EmulatorEvent> Events) : IMeshProtocolMember;
