using MeshSecurity.Core.Errors;

namespace MeshSecurity.Core.Wasm;

/// <summary>The result of one entry point: the new state and a response, or an error (state unchanged).</summary>
public abstract record ContractOutcome
{
    private ContractOutcome() { }

    public sealed record Ok(object State, Response Response) : ContractOutcome;

    public sealed record Failed(MeshError Error) : ContractOutcome;
}
