using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>
/// Read-only access to the chain's modules during an entry point, over the transaction's working state
/// (so a contract sees the effects of earlier messages of the same transaction).
/// </summary>
public interface IQuerier
{
    string ChainId { get; }
    string AddressPrefix { get; }
    string BondDenom { get; }

    Coin Balance(Addr address, string denom);
    IReadOnlyList<ValidatorInfo> Validators();
    ValidatorInfo? Validator(Addr operatorAddress);
    DelegationInfo? Delegation(Addr delegator, Addr validator);

    /// <summary>The channel end on this chain, or null.</summary>
    IbcChannel? Channel(string portId, string channelId);

    /// <summary>The light client behind a connection of this chain, or null.</summary>
    LightClientInfo? ClientOfConnection(string connectionId);
}
