using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>The chain's record of a contract instance: its code, label, creator, admin and IBC port (if any).</summary>
public sealed record ContractInfo(Addr Address, string CodeId, string Label, Addr Creator, Addr? Admin, string? IbcPortId);
