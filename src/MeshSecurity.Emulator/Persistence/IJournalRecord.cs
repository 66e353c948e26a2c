namespace MeshSecurity.Emulator.Persistence;

/// <summary>Marks what a chain, or a channel on a cluster, writes to its journal; bound to <see cref="JournalSerializer"/>.</summary>
public interface IJournalRecord;
