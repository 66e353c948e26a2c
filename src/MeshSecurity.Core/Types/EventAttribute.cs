namespace MeshSecurity.Core.Types;

/// <summary>One key/value pair of an <see cref="Event"/>: a value, since every event of every block carries several.</summary>
public readonly record struct EventAttribute(string Key, AttributeValue Value);
