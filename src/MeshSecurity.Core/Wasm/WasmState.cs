using System.Collections.Immutable;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>The chain's registry of contract instances (their states live with the contract hosts) and port bindings.</summary>
public sealed record WasmState(
    ImmutableSortedDictionary<Addr, ContractInfo> Contracts,
    ImmutableSortedDictionary<string, Addr> PortOwners,
    ulong NextInstanceId)
{
    public static readonly WasmState Empty = new(
        ImmutableSortedDictionary<Addr, ContractInfo>.Empty,
        ImmutableSortedDictionary.Create<string, Addr>(StringComparer.Ordinal),
        1);

    public ContractInfo? Get(Addr address) => Contracts.GetValueOrDefault(address);

    /// <summary>The port a contract binds when its code speaks IBC: "wasm.&lt;address&gt;", as wasmd does.</summary>
    public static string PortOf(Addr contract) => "wasm." + contract.Value;
}
