using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Events;

/// <summary>
/// The blocks' events of one window of a cluster's clock, in the order they came, passed to the driver's recorder as one
/// message when the window ends rather than one per block
/// (docs/decisions/0019-a-windows-events-reach-the-driver-in-one-message.md).
/// </summary>
public sealed record WindowEvents(IReadOnlyList<BlockEvents> Blocks) : IMeshProtocolMember;
