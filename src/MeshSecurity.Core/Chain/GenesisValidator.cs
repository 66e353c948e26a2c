using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Chain;

/// <summary>A validator at genesis: a name (its operator and key derive from it) and its self-bond.</summary>
public sealed record GenesisValidator(string Name, Amount SelfBond);
