using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Chain;

/// <summary>
/// The querier contracts get: reads of one chain's <see cref="ChainState"/> (the working state in its chain's turn, else a
/// committed copy).
/// </summary>
public sealed class ChainQuerier(ChainState state) : IQuerier
{
    /// <summary>The state it reads (the executor keeps one querier per chain state).</summary>
    internal ChainState State => state;

    public string ChainId => state.ChainId;
    public string AddressPrefix => state.Prefix;
    public string BondDenom => state.Config.BondDenom;

    public Coin Balance(Addr address, string denom) => new(denom, state.Bank.Balance(address, denom));

    public IReadOnlyList<ValidatorInfo> Validators() => state.ValidatorInfos();

    public ValidatorInfo? Validator(Addr operatorAddress) =>
        state.Staking.Validator(operatorAddress) is { } v ? state.ToValidatorInfo(v) : null;

    public DelegationInfo? Delegation(Addr delegator, Addr validator) => state.ToDelegationInfo(delegator, validator);

    public IbcChannel? Channel(string portId, string channelId) => state.Ibc.Channel(portId, channelId)?.ToChannel();

    public LightClientInfo? ClientOfConnection(string connectionId)
    {
        if (!state.Ibc.Connections.TryGetValue(connectionId, out var conn)) return null;
        if (!state.Ibc.Clients.TryGetValue(conn.ClientId, out var c)) return null;
        return new LightClientInfo(c.ClientId, c.CounterpartyChainId, c.LatestHeight, c.LatestTime, c.ValidatorKeys);
    }
}
