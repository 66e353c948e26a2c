namespace MeshSecurity.Emulator.Hosting;

/// <summary>Which store a run's journal lives in.</summary>
public enum JournalKind
{
    Memory,
    Sqlite,
    Postgres,
}
