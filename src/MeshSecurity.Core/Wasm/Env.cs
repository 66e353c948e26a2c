using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>What an entry point knows of where it runs: the chain, the block and its own address.</summary>
public sealed record Env(string ChainId, ulong Height, Timestamp Time, Addr Contract);
