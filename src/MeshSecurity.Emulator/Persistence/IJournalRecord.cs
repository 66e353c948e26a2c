namespace MeshSecurity.Emulator.Persistence;

/// <summary>Marks what a chain writes to its journal; bound to <see cref="JournalSerializer"/>.</summary>
public interface IJournalRecord;
