namespace MeshSecurity.Core;

/// <summary>Overrides a case's wire name, e.g. to keep the seed's misspelt message names on the wire.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WireNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
