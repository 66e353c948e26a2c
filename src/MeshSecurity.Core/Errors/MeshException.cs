namespace MeshSecurity.Core.Errors;

/// <summary>
/// Carries a <see cref="MeshError"/> up the stack, like Rust's <c>?</c>. Entry points and the executor catch it;
/// it never leaves Core.
/// </summary>
public sealed class MeshException(MeshError error) : Exception(error.ToString())
{
    public MeshError Error { get; } = error;
}
