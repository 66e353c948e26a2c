using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>A chain's validator as a contract sees it through the querier.</summary>
public sealed record ValidatorInfo(Addr Operator, Amount Tokens, ulong Power, string Status, bool Jailed, bool Tombstoned);
