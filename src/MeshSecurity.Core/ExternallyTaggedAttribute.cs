namespace MeshSecurity.Core;

/// <summary>
/// Marks an abstract record whose nested sealed records are its cases; on the wire a case is written as
/// <c>{"case_name": {fields}}</c>, Rust's (serde's) default enum representation that the seed's contracts use.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExternallyTaggedAttribute : Attribute;
