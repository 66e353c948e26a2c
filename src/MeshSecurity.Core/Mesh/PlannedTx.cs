using System.Collections.Immutable;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Mesh;

/// <summary>One transaction of a <see cref="LinkPlan"/>: messages signed by one account on one chain.</summary>
public sealed record PlannedTx(string Chain, Addr Signer, ImmutableArray<CosmosMsg> Msgs)
{
    public override string ToString() => $"{Chain} {Signer}: {string.Join(", ", Msgs.Select(m => m.GetType().Name))}";
}
