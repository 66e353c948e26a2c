namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// The chain could not commit (too few validators signing) after <paramref name="Height"/>: its next block comes at
/// <paramref name="Next"/>, the first slot once it can, instead of one block time after the last.
/// </summary>
public sealed record SlotsSkipped(ulong Height, Core.Types.Timestamp Next) : IJournalRecord;
