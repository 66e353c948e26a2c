using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// A node clock tells a chain to produce every block it has due before <paramref name="End"/> (its window is
/// [start, End)). Answer: <see cref="ChainWindowDone"/>, also again when the tick is re-sent for a window already done.
/// </summary>
public sealed record WindowTick(string ChainId, long Window, Core.Types.Timestamp End) : IWithChainId;
