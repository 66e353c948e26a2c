using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>Everything an entry point may read besides its own state: the environment and a querier.</summary>
public sealed record ContractContext(Env Env, IQuerier Querier)
{
    public Addr Self => Env.Contract;

    /// <summary>cosmwasm's addr_validate against this chain's prefix.</summary>
    public Addr Validate(string address) => Addr.Validate(address, Querier.AddressPrefix);
}
