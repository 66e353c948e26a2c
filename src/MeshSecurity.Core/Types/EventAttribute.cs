namespace MeshSecurity.Core.Types;

/// <summary>One key/value pair of an <see cref="Event"/>.</summary>
public sealed record EventAttribute(string Key, string Value);
