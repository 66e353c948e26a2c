using System.Collections.Immutable;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// What the executor asks its driver to do for it (docs/decisions/0001-the-executor-asks.md).
/// A synchronous driver answers at once; the chain actor answers by messaging contract actors.
/// </summary>
public abstract record ExecutorRequest
{
    private ExecutorRequest() { }

    /// <summary>
    /// Run an entry point of a contract on its working state, staging the change at scope <paramref name="Depth"/>.
    /// Answer with the <see cref="ContractOutcome"/>.
    /// </summary>
    public sealed record Call(Addr Contract, string CodeId, ContractCall Invocation, ContractContext Context, int Depth) : ExecutorRequest;

    /// <summary>Create an empty instance of a code (it exists only if the scope commits). Answer with null.</summary>
    public sealed record Create(Addr Contract, string CodeId, int Depth) : ExecutorRequest;

    /// <summary>
    /// The scope at <paramref name="Depth"/> ended: the listed contracts keep (commit) or drop (rollback) what they
    /// staged in it; at depth 0 a commit makes the working state the committed one. Answer with null.
    /// </summary>
    public sealed record EndScope(int Depth, bool Commit, ImmutableArray<Addr> Contracts) : ExecutorRequest;
}
