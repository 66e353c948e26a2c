namespace MeshSecurity.Scenarios.Model;

/// <summary>Where something was written: file, 1-based line and column, and its key path (e.g. "steps[3]").</summary>
public sealed record SourceLocation(string File, int Line, int Column, string Key)
{
    public static readonly SourceLocation None = new("", 0, 0, "");

    public override string ToString() => $"{File}:{Line}:{Column}";
}
