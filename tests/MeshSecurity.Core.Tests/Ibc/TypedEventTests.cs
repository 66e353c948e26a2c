using CsCheck;
using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.IbcModule.DeferredEventTests;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// Every module's and contract's typed event (decision 0018) against the attribute array it replaces, written out as the
/// module or contract built it before: the same app hash, look-ups, count and attributes, in order, with the same typed
/// values; and a contract's typed event, emitted behind the contract's address, as its address then those attributes.
/// </summary>
public class TypedEventTests
{
    private static readonly Gen<string> Ids = Gen.String[Gen.Char.AlphaNumeric, 1, 30];
    private static readonly Gen<Addr> Addresses = Ids.Select(a => new Addr(a));
    private static readonly Gen<Timestamp> Times = Gen.ULong.Select(n => new Timestamp(n));

    private static string Nanos(Timestamp t) => t.Nanos.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_staking_modules_events_are_their_attributes_written_out()
    {
        Gen.Select(Addresses, Addresses, Ids, AttributeGens.Decs, Gen.ULong, Gen.ULong, Times).SampleSeeded(t =>
        {
            var (v, d, bond, fraction, h1, h2, time) = t;
            foreach (var type in new[] { StakingEvents.CreateValidator, StakingEvents.Rewards })
                AssertSame(() => ValidatorAmountFields.Event(type, v, bond),
                    new Event(type, (StakingEvents.ValidatorKey, v.Value), (StakingEvents.AmountKey, bond)));
            foreach (var type in new[] { StakingEvents.WithdrawRewards, StakingEvents.CompleteUnbonding })
                AssertSame(() => DelegationAmountFields.Event(type, v, d, bond), new Event(type,
                    (StakingEvents.ValidatorKey, v.Value), (StakingEvents.DelegatorKey, d.Value), (StakingEvents.AmountKey, bond)));
            AssertSame(() => UnbondFields.Event(v, d, bond, time), new Event(StakingEvents.Unbond,
                (StakingEvents.ValidatorKey, v.Value), (StakingEvents.DelegatorKey, d.Value), (StakingEvents.AmountKey, bond),
                (StakingEvents.CompletionTimeKey, Nanos(time))));
            AssertSame(() => SlashFields.Event(v, h1, fraction, bond), new Event(StakingEvents.Slash,
                (StakingEvents.ValidatorKey, v.Value), (StakingEvents.InfractionHeightKey, h1), (StakingEvents.FractionKey, fraction),
                (StakingEvents.BurnedKey, bond)));
            AssertSame(() => JailFields.Event(v, time), new Event(StakingEvents.Jail,
                (StakingEvents.ValidatorKey, v.Value), (StakingEvents.JailedUntilKey, Nanos(time))));
            foreach (var type in new[] { StakingEvents.Unjail, StakingEvents.Tombstone })
                AssertSame(() => ValidatorFields.Event(type, v), new Event(type, (StakingEvents.ValidatorKey, v.Value)));
            AssertSame(() => PowerChangeFields.Event(v, h1, h2), new Event(StakingEvents.PowerChange,
                (StakingEvents.ValidatorKey, v.Value), (StakingEvents.PowerKey, h1), (StakingEvents.PreviousPowerKey, h2)));
        }, iter: 100);
    }

    private static readonly Gen<ChannelEnd> Ends = Gen.Select(Ids.Array[6], Gen.ULong, (ids, n) => new ChannelEnd(
        new IbcEndpoint(ids[0], ids[1]), ChannelState.Open, IbcOrder.Unordered, new IbcEndpoint(ids[2], ids[3]), ids[4], ids[5], n, n, n));

    [Fact]
    public void The_ibc_bank_wasm_and_governance_events_are_their_attributes_written_out()
    {
        Gen.Select(Ids, Ids, Gen.ULong, Ends, Addresses, AttributeGens.CoinSets, Gen.Bool).SampleSeeded(t =>
        {
            var (id, other, height, end, a, coins, on) = t;
            AssertSame(() => CreateClientFields.Event(id, other),
                new Event(IbcEvents.CreateClient, ("client_id", id), ("counterparty_chain_id", other)));
            AssertSame(() => ClientFields.Update(id, height),
                new Event(IbcEvents.UpdateClient, ("client_id", id), ("consensus_height", height)));
            AssertSame(() => ClientFields.Frozen(id), new Event("freeze_client", ("client_id", id)));
            AssertSame(() => ClientFields.Recovered(id, height), new Event("recover_client", ("client_id", id), ("height", height)));
            foreach (var type in new[] { IbcEvents.ConnectionOpenInit, IbcEvents.ConnectionOpenTry })
                AssertSame(() => ConnectionFields.Event(type, id, other), new Event(type, ("connection_id", id), ("client_id", other)));
            foreach (var type in new[] { IbcEvents.ConnectionOpenAck, IbcEvents.ConnectionOpenConfirm })
                AssertSame(() => ConnectionFields.Event(type, id), new Event(type, ("connection_id", id)));
            AssertSame(() => IbcEvents.Channel(IbcEvents.ChannelOpenTry, end), new Event(IbcEvents.ChannelOpenTry,
                ("port_id", end.Endpoint.PortId), ("channel_id", end.Endpoint.ChannelId),
                ("counterparty_port_id", end.Counterparty.PortId), ("counterparty_channel_id", end.Counterparty.ChannelId),
                ("connection_id", end.ConnectionId), ("version", end.Version)));
            AssertSame(() => InjectErrorAcksFields.Event(id, on), new Event("inject_error_acks", ("endpoint", id), ("on", on)));
            AssertSame(() => SupplyFields.Burn(a, coins), new Event("burn", ("burner", a.Value), ("amount", coins)));
            AssertSame(() => SupplyFields.Mint(a, coins), new Event("mint", ("recipient", a.Value), ("amount", coins)));
            AssertSame(() => InstantiateFields.Event(a, id), new Event("instantiate", ("_contract_address", a.Value), ("code_id", id)));
        }, iter: 100);
    }

    private static readonly Gen<ConsumerError> Errors = Gen.OneOf<ConsumerError>(
        Gen.Const<ConsumerError>(new ConsumerError.TransferTimedOut()), Gen.Const<ConsumerError>(new ConsumerError.NoChannel()),
        Ids.Select(e => (ConsumerError)new ConsumerError.AckFailed(e)));

    /// <summary>Each contract event as the contract adds it, and as the executor emits it behind the contract's address.</summary>
    private static void AssertContractEvent(Func<Event> make, Event expected, Addr contract)
    {
        AssertSame(make, expected);
        AssertSame(() => new Event("wasm-" + expected.Type, contract, make().Fields!),
            new Event("wasm-" + expected.Type, [new EventAttribute("_contract_address", contract.Value), .. expected.Attributes]));
    }

    [Fact]
    public void The_contracts_events_are_their_attributes_written_out()
    {
        Gen.Select(Addresses, Addresses, Ids, AttributeGens.Amounts, AttributeGens.Amounts, AttributeGens.Amounts, Errors).SampleSeeded(t =>
        {
            var (a, b, v, x, y, z, error) = t;
            foreach (var type in new[] { ProviderEvents.AckStake, ProviderEvents.FailedStake, ProviderEvents.AckUnstake })
                AssertContractEvent(() => ProviderStakeFields.Event(type, b.Value, v, x), new Event(type,
                    (ProviderEvents.OwnerKey, b.Value), (ProviderEvents.ValidatorKey, v), (ProviderEvents.AmountKey, x)), a);
            foreach (var type in new[] { ProviderEvents.AckBurn, ProviderEvents.FailedBurn, ProviderEvents.ResentBurn })
                AssertContractEvent(() => ProviderBurnFields.Event(type, v, x),
                    new Event(type, (ProviderEvents.ValidatorKey, v), (ProviderEvents.AmountKey, x)), a);
            var slash = new Apis.ValsetSlash(v, (ulong)x.Value, new Math.Dec(y.Value));
            AssertContractEvent(() => ConsumerSlashedFields.Event(slash), new Event(ProviderEvents.ConsumerSlashed,
                (ProviderEvents.ValidatorKey, v), (ProviderEvents.PercentageKey, slash.Fraction),
                (ProviderEvents.InfractionHeightKey, slash.InfractionHeight)), a);
            var (transfer, sequence) = (new ConsumerState.RewardsTransfer(v, new Coin("ujuno", x)), (ulong)y.Value);
            AssertContractEvent(() => TransferFailedFields.Event(transfer, sequence, error), new Event(ConsumerEvents.TransferFailed,
                (ConsumerEvents.ValidatorKey, v), (ConsumerEvents.AmountKey, transfer.Amount), (ConsumerEvents.SequenceKey, sequence),
                (ConsumerEvents.KindKey, error.Kind), (ConsumerEvents.ErrorKey, error.Message)), a);
            AssertContractEvent(() => RemarkFields.Event(v, x, y), new Event(ConsumerEvents.Remark,
                (ConsumerEvents.ValidatorKey, v), (ConsumerEvents.BeforeKey, x), (ConsumerEvents.AfterKey, y)), a);
            AssertContractEvent(() => InternalUnstakeFields.Event(v, x),
                new Event(ConsumerEvents.SendInternalUnstake, (ConsumerEvents.ValidatorKey, v), (ConsumerEvents.AmountKey, x)), a);
            var message = error is ConsumerError.AckFailed f ? $"{error.Message}: {f.Error}" : error.Message;
            var failed = new Event(ConsumerEvents.PacketFailed,
                (ConsumerEvents.PacketKey, "rewards"), (ConsumerEvents.KindKey, error.Kind), (ConsumerEvents.ErrorKey, message));
            AssertContractEvent(() => PacketFailedFields.Event("rewards", error), failed, a);
            AssertContractEvent(() => PacketFailedFields.Event("rewards", error, v), failed.With(ConsumerEvents.ValidatorKey, v), a);
            AssertContractEvent(() => AttributedRewardsFields.Event(v, x), new Event(MetaStakingEvents.AttributedRewards,
                (MetaStakingEvents.ValidatorKey, v), (MetaStakingEvents.RewardsKey, x)), a);
            AssertContractEvent(() => RebalancedFields.Event(b, v, x, y, z), new Event(MetaStakingEvents.Rebalanced,
                (MetaStakingEvents.ConsumerKey, b.Value), (MetaStakingEvents.ValidatorKey, v), (MetaStakingEvents.RequestedKey, x),
                (MetaStakingEvents.DelegatedKey, y), (MetaStakingEvents.LimitKey, z)), a);
            AssertContractEvent(() => ClaimCutFields.Event(a, b, x), new Event(LockupEvents.ClaimCut,
                (LockupEvents.OwnerKey, a.Value), (LockupEvents.LienholderKey, b.Value), (LockupEvents.AmountKey, x)), a);
            AssertContractEvent(() => LocalCutFields.Event(a, x),
                new Event(LockupEvents.LocalCut, (LockupEvents.OwnerKey, a.Value), (LockupEvents.AmountKey, x)), a);
            AssertContractEvent(() => DeferredBurnFields.Event(x), new Event(LockupEvents.DeferredBurn, (LockupEvents.AmountKey, x)), a);
        }, iter: 100);
    }
}
