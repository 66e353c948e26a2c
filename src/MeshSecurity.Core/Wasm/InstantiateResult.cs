using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>The data of a successful instantiate, handed to the creator's reply: the new contract's address.</summary>
public sealed record InstantiateResult(Addr ContractAddress);
