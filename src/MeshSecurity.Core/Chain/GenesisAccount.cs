using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Chain;

/// <summary>An account's balances at genesis.</summary>
public sealed record GenesisAccount(Addr Address, Coins Balance);
