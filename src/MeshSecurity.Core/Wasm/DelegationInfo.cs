using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>A delegation as a contract sees it: its current token value and the rewards it could withdraw now.</summary>
public sealed record DelegationInfo(Addr Delegator, Addr Validator, Amount Tokens, Coins AccumulatedRewards);
