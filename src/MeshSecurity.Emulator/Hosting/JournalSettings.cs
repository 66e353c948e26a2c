namespace MeshSecurity.Emulator.Hosting;

/// <summary>Where chains journal their blocks: a SQLite file (the default) or memory.</summary>
public sealed record JournalSettings(string? SqlitePath)
{
    public static readonly JournalSettings Memory = new((string?)null);

    public bool InMemory => SqlitePath is null;

    /// <summary>Parses "sqlite:PATH" or "memory".</summary>
    public static JournalSettings Parse(string text)
    {
        if (text == "memory") return Memory;
        if (text.StartsWith("sqlite:", StringComparison.Ordinal) && text.Length > "sqlite:".Length) return new JournalSettings(text["sqlite:".Length..]);
        throw new FormatException($"--journal must be 'sqlite:PATH' or 'memory', got '{text}'");
    }

    public override string ToString() => InMemory ? "memory" : "sqlite:" + SqlitePath;
}
