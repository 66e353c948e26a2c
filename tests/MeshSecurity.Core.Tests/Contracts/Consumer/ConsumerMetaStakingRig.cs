using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Contracts.MetaStaking;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

/// <summary>
/// A mesh-consumer wired to a real meta-staking on one mock chain: a received packet's meta-staking calls run in the
/// same transaction, and a failing call rolls both contracts (and the mock chain) back, as wasmd does.
/// </summary>
internal sealed class ConsumerMetaStakingRig
{
    private readonly ConsumerContract _consumer = new();
    private readonly MetaStakingContract _meta = new();
    private ulong _sequence;

    public MockQuerier Querier { get; } = new() { BondDenom = Denom };
    public object ConsumerState { get; private set; }
    public object MetaState { get; private set; }

    public ConsumerMetaStakingRig(string rate, ulong cap)
    {
        Querier.ValidatorList.AddRange([Bonded(Validator), Bonded(Validator2), Bonded("testvaloper1gamma")]);
        Querier.Balances[(MetaStakingAddr, Denom)] = new Coin(Denom, cap);
        MetaState = Ok(_meta, MetaStakingAddr, null, new ContractCall.Instantiate(MessageInfo.From(Governance), new MetaStakingMsg.Instantiate()));
        MetaState = Ok(_meta, MetaStakingAddr, MetaState, new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(Self.Value, new Coin(Denom, cap))));
        ConsumerState = Ok(_consumer, Self, null, new ContractCall.Instantiate(MessageInfo.From(Governance), Instantiate(rate)));
        ConsumerState = Ok(_consumer, Self, ConsumerState, new ContractCall.ChannelOpen(ChannelEnd(), null));
        ConsumerState = Ok(_consumer, Self, ConsumerState, new ContractCall.ChannelConnect(ChannelEnd(), MeshProtocol.Version));
    }

    private ContractContext Context(Addr self) => new(new Env(Querier.ChainId, 100, Timestamp.FromSeconds(1_700_000_000), self), Querier);

    private object Ok(IContractCode code, Addr self, object? state, ContractCall call) =>
        code.Run(state, call, Context(self)) is ContractOutcome.Ok ok ? ok.State : throw new InvalidOperationException("setup failed");

    /// <summary>Receives a provider packet; returns the error (everything rolled back) or null.</summary>
    public MeshError? Receive(ProviderPacket packet)
    {
        var ibc = new IbcPacket(new IbcEndpoint(ProviderPort, ProviderChannel), new IbcEndpoint(SelfPort, Channel), ++_sequence,
            Wire.Encode(packet), IbcTimeout.AtTime(Timestamp.FromSeconds(1_800_000_000)));
        var outcome = _consumer.Run(ConsumerState, new ContractCall.PacketReceive(ibc, Relayer), Context(Self));
        if (outcome is ContractOutcome.Failed refused) return refused.Error;
        var received = (ContractOutcome.Ok)outcome;

        var delegations = new Dictionary<(Addr, Addr), DelegationInfo>(Querier.Delegations);
        var balances = new Dictionary<(Addr, string), Coin>(Querier.Balances);
        var meta = MetaState;
        foreach (var call in received.Response.Messages.Select(m => m.Msg).OfType<CosmosMsg.WasmExecute>())
        {
            var result = _meta.Run(meta, new ContractCall.Execute(new MessageInfo(Self, call.Funds), call.Msg), Context(MetaStakingAddr));
            if (result is ContractOutcome.Failed failed)
            {
                Restore(delegations, balances);
                return failed.Error;
            }
            var ok = (ContractOutcome.Ok)result;
            meta = ok.State;
            foreach (var m in ok.Response.Messages) MetaStakingFixture.ApplyTo(Querier, MetaStakingAddr, Denom, m.Msg);
        }
        ConsumerState = received.State;
        MetaState = meta;
        return null;
    }

    private void Restore(Dictionary<(Addr, Addr), DelegationInfo> delegations, Dictionary<(Addr, string), Coin> balances)
    {
        Querier.Delegations.Clear();
        foreach (var kv in delegations) Querier.Delegations[kv.Key] = kv.Value;
        Querier.Balances.Clear();
        foreach (var kv in balances) Querier.Balances[kv.Key] = kv.Value;
    }

    public Amount RemoteStake(string validator) =>
        ((ConsumerMsg.RemoteStakeResponse)_consumer.Query(ConsumerState, new ConsumerMsg.Query.RemoteStake(validator), Context(Self))).Amount;

    public Amount MetaDelegation(string validator) =>
        (Amount)_meta.Query(MetaState, new MetaStakingMsg.Query.Delegation(Self.Value, validator), Context(MetaStakingAddr));

    public MetaStakingMsg.ConsumerResponse MetaConsumer() =>
        (MetaStakingMsg.ConsumerResponse)_meta.Query(MetaState, new MetaStakingMsg.Query.ConsumerInfo(Self.Value), Context(MetaStakingAddr));

    public Amount RealDelegation(string validator) => Querier.Delegation(MetaStakingAddr, new Addr(validator))?.Tokens ?? Amount.Zero;

    public Dec Rate => ((ConsumerMsg.ConfigResponse)_consumer.Query(ConsumerState, new ConsumerMsg.Query.Config(), Context(Self))).RemoteToLocalExchangeRate;
}
