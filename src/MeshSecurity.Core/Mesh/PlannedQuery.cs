using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Mesh;

/// <summary>One smart query of a <see cref="LinkPlan"/>: a message to a contract on a chain.</summary>
public sealed record PlannedQuery(string Chain, Addr Contract, object Msg);
