using System.Collections.Immutable;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>The chain's registry of contract instances (their states live with the contract hosts), port bindings and
/// the contracts subscribed to the staking hooks.</summary>
public sealed record WasmState(
    ImmutableSortedDictionary<Addr, ContractInfo> Contracts,
    ImmutableSortedDictionary<string, Addr> PortOwners,
    ulong NextInstanceId,
    ImmutableSortedSet<Addr> HookSubscribers)
{
    public static readonly WasmState Empty = new(
        ImmutableSortedDictionary<Addr, ContractInfo>.Empty,
        ImmutableSortedDictionary.Create<string, Addr>(StringComparer.Ordinal),
        1,
        ImmutableSortedSet<Addr>.Empty);

    public ContractInfo? Get(Addr address) => Contracts.GetValueOrDefault(address);

    /// <summary>The port a contract binds when its code speaks IBC: "wasm.&lt;address&gt;", as wasmd does.</summary>
    public static string PortOf(Addr contract) => "wasm." + contract.Value;
}
