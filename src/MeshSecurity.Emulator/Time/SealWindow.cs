using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// The relay phase of a window is over: a chain that relayers submitted to journals what it took in during the phase, as
/// one record in a fixed order (never the order of arrival), so its journal is the same in every run. Answer:
/// <see cref="WindowSealed"/> once written (at once when there was nothing, or when re-sent).
/// </summary>
public sealed record SealWindow(string ChainId, long Window) : IWithChainId;
