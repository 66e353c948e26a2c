namespace MeshSecurity.Scenarios.Model;

/// <summary>One field of an expected error: its key (kebab-case, e.g. "free") and its value as text.</summary>
public sealed record ErrorField(string Key, string Value);
