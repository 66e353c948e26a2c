using System.Collections.Immutable;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// A transaction: messages from one signer executed atomically, in order. <paramref name="Id"/> is chosen by the
/// submitter so a re-submission can be recognised.
/// </summary>
public sealed record Tx(Addr Signer, ImmutableArray<CosmosMsg> Msgs, string Id = "")
{
    public static Tx Of(Addr signer, params CosmosMsg[] msgs) => new(signer, [.. msgs]);
}
