namespace MeshSecurity.Core.Execution;

/// <summary>An out-parameter for iterators, which cannot have ref or out parameters.</summary>
internal sealed class Box<T>
{
    public T? Value { get; set; }
}
