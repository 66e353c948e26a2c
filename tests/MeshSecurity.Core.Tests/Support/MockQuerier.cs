using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Support;

/// <summary>A settable querier for contract unit tests (cosmwasm's mock_dependencies).</summary>
public sealed class MockQuerier : IQuerier
{
    public string ChainId { get; set; } = "test-1";
    public string AddressPrefix { get; set; } = "test";
    public string BondDenom { get; set; } = "ustake";

    public Dictionary<(Addr, string), Coin> Balances { get; } = new();
    public List<ValidatorInfo> ValidatorList { get; } = new();
    public Dictionary<(Addr, Addr), DelegationInfo> Delegations { get; } = new();
    public Dictionary<(string, string), IbcChannel> Channels { get; } = new();
    public Dictionary<string, LightClientInfo> Clients { get; } = new();

    public Coin Balance(Addr address, string denom) =>
        Balances.TryGetValue((address, denom), out var c) ? c : new Coin(denom, Math.Amount.Zero);

    public IReadOnlyList<ValidatorInfo> Validators() => ValidatorList;

    public ValidatorInfo? Validator(Addr operatorAddress) => ValidatorList.FirstOrDefault(v => v.Operator == operatorAddress);

    public DelegationInfo? Delegation(Addr delegator, Addr validator) => Delegations.GetValueOrDefault((delegator, validator));

    public IbcChannel? Channel(string portId, string channelId) => Channels.GetValueOrDefault((portId, channelId));

    public LightClientInfo? ClientOfConnection(string connectionId) => Clients.GetValueOrDefault(connectionId);
}
