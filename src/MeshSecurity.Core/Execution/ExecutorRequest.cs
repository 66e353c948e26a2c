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
    /// Run an entry point of a contract on its working state, staging the change at scope <see cref="Depth"/>. Answer
    /// with the <see cref="ContractOutcome"/>. A transaction (and the block's next one) asks every call with the same
    /// request, filled anew (one is pending at a time, and a request per call was 2.6 % of Core's allocation,
    /// docs/bench.md, session 22): a driver that keeps it past its answer keeps a copy (<c>with { }</c>).
    /// </summary>
    public sealed record Call : ExecutorRequest
    {
        public Call(Addr contract, string codeId, ContractCall invocation, ContractContext context, int depth) =>
            Fill(contract, codeId, invocation, context, depth);

        public Addr Contract { get; private set; }
        public string CodeId { get; private set; } = "";
        public ContractCall Invocation { get; private set; } = null!;
        public ContractContext Context { get; private set; } = null!;
        public int Depth { get; private set; }

        internal Call Fill(Addr contract, string codeId, ContractCall invocation, ContractContext context, int depth)
        {
            (Contract, CodeId, Invocation, Context, Depth) = (contract, codeId, invocation, context, depth);
            return this;
        }
    }

    /// <summary>Create an empty instance of a code (it exists only if the scope commits). Answer with null.</summary>
    public sealed record Create(Addr Contract, string CodeId, int Depth) : ExecutorRequest;

    /// <summary>
    /// The scope at <paramref name="Depth"/> ended: the listed contracts keep (commit) or drop (rollback) what they
    /// staged in it; at depth 0 a commit makes the working state the committed one. Answer with null.
    /// </summary>
    public sealed record EndScope(int Depth, bool Commit, ImmutableArray<Addr> Contracts) : ExecutorRequest;
}
