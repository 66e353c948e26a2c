using System.Collections.Immutable;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// mesh-consumer ("Converter"): the consumer-chain end of the mesh channel. It turns the provider's stake packets into
/// meta-staking delegations (B9: delegation = floor(remote stake × rate) per validator), forwards rewards to the provider
/// (packet first, B8: kept on failure; ICS-20 tokens on the success ack, tracked until the transfer settles and sent
/// again after the next acknowledged Rewards packet if it comes back) and reports validator-set changes.
/// Entry points here; the channel and packets in ConsumerIbc.cs and ConsumerAcks.cs, the ICS-20 transfers in ConsumerTransfers.cs.
/// </summary>
public sealed partial class ConsumerContract : Contract<ConsumerState, ConsumerMsg.Instantiate, ConsumerMsg.Execute, ConsumerMsg.Query>
{
    public const string Code = "mesh-consumer";

    public override string CodeId => Code;

    protected override (ConsumerState State, Response Response) Instantiate(ContractContext ctx, MessageInfo info, ConsumerMsg.Instantiate msg)
    {
        var config = new ConsumerState.Settings(
            msg.Provider,
            msg.RemoteToLocalExchangeRate,
            ctx.Validate(msg.MetaStakingContractAddress),
            msg.Ics20Channel,
            msg.ProviderAddress ?? ProviderAddressFromPort(msg.Provider.PortId),
            msg.PacketLifetime ?? MeshProtocol.DefaultPacketLifetimeSeconds,
            CheckFeed(ctx, msg.PriceFeed));
        return (ConsumerState.Create(config), Response.WithAttribute(ConsumerEvents.ActionKey, ConsumerEvents.Instantiate));
    }

    /// <summary>The seed's derivation: "wasm.osmo1xyz" → "osmo1xyz". An id without a '.' or with nothing after it fails.</summary>
    internal static string ProviderAddressFromPort(string portId)
    {
        var dot = portId.LastIndexOf('.');
        if (dot < 0 || dot == portId.Length - 1) throw new ConsumerError.ProviderAddrParsing(portId).Raise();
        return portId[(dot + 1)..];
    }

    protected override (ConsumerState State, Response Response) Execute(ContractContext ctx, MessageInfo info, ConsumerState state, ConsumerMsg.Execute msg) =>
        msg switch
        {
            ConsumerMsg.Execute.ReceiveRewards m => ReceiveRewards(ctx, info, state, m.Validator),
            ConsumerMsg.Execute.Evict => Evict(ctx, info, state),
            ConsumerMsg.Execute.UpdatePrice m => UpdatePrice(ctx, info, state, m.Price),
            _ => throw new StdError.Generic($"unknown execute message {msg.GetType().Name}").Raise(),
        };

    /// <summary>
    /// B7: only meta-staking, exactly one coin of the bond denom. The Rewards packet carries the coin plus what earlier
    /// failed packets left for this validator (B8); the coins stay here until the ack.
    /// </summary>
    private static (ConsumerState, Response) ReceiveRewards(ContractContext ctx, MessageInfo info, ConsumerState state, string validator)
    {
        if (info.Sender != state.Config.MetaStaking) throw new ConsumerError.Unauthorized().Raise();
        var denom = ctx.Querier.BondDenom;
        var amount = info.Funds.MustPay(denom);
        var channel = state.Channel ?? throw new ConsumerError.NoChannel().Raise();

        var kept = state.Undelivered(validator);
        var total = new Coin(denom, amount + kept.AmountOf(denom));
        var next = state.WithUndelivered(validator, kept.Sub(Coins.Of(denom, kept.AmountOf(denom))));
        var packet = new ConsumerPacket.Rewards(validator, total);
        var response = Response.Empty
            .AddMessage(CosmosMsg.IbcSendPacket.Of<ConsumerPacket>(channel, packet, state.PacketTimeout(ctx.Env)))
            .AddAttribute(ConsumerEvents.ActionKey, ConsumerEvents.SendRewards)
            .AddAttribute(ConsumerEvents.ValidatorKey, validator)
            .AddAttribute(ConsumerEvents.AmountKey, total);
        return (next, response);
    }

    /// <summary>
    /// The chain's sudo messages: ICS-20 transfer callbacks (ConsumerTransfers.cs) and hooks (subscribed by governance).
    /// Anything else is refused with a parse error.
    /// </summary>
    protected override (ConsumerState State, Response Response) Sudo(ContractContext ctx, ConsumerState state, object msg) =>
        SudoMessage(msg) switch
        {
            TransferLifecycle.Completed c => TransferCompleted(state, c),
            ChainHook hook => Hook(ctx, state, hook),
            var other => throw new StdError.ParseError(SudoTarget, other.GetType().Name, SudoAccepts).Raise(),
        };

    /// <summary>
    /// A non-empty validator-set change goes to the provider as UpdateValidators while the channel is open, the block's
    /// slashes in the same packet; with no channel nothing is recorded (the provider lists the validators again when a
    /// channel connects). The one-by-one slash hooks are not for this contract: the provider slashes its stake on
    /// evidence (mesh-slasher), and only records the consumer chain's own slashes.
    /// </summary>
    private static (ConsumerState, Response) Hook(ContractContext ctx, ConsumerState state, ChainHook hook)
    {
        if (hook is ChainHook.EpochEnding) return Remark(ctx, state);
        if (hook is not ChainHook.ValidatorSetChanged change || state.Channel is not { } channel || IsEmpty(change))
            return (state, Response.Empty);

        var packet = new ConsumerPacket.UpdateValidators(
            OrEmpty(change.Added), OrEmpty(change.Removed), OrEmpty(change.Jailed), OrEmpty(change.Unjailed), OrEmpty(change.Tombstoned),
            OrEmpty(change.Slashed), ctx.Env.Height, ctx.Env.Time);
        var response = Response.Empty
            .AddMessage(CosmosMsg.IbcSendPacket.Of<ConsumerPacket>(channel, packet, state.PacketTimeout(ctx.Env)))
            .AddAttribute(ConsumerEvents.ActionKey, ConsumerEvents.SendUpdateValidators);
        return (state, response);
    }

    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> list) => list.IsDefault ? [] : list;

    private static bool IsEmpty(ChainHook.ValidatorSetChanged c) =>
        c.Added.IsDefaultOrEmpty && c.Removed.IsDefaultOrEmpty && c.Jailed.IsDefaultOrEmpty && c.Unjailed.IsDefaultOrEmpty
        && c.Tombstoned.IsDefaultOrEmpty && c.Slashed.IsDefaultOrEmpty;

    protected override object Query(ContractContext ctx, ConsumerState state, ConsumerMsg.Query msg) => msg switch
    {
        ConsumerMsg.Query.Config => new ConsumerMsg.ConfigResponse(
            state.Config.Provider, state.Config.Rate, state.Config.MetaStaking, state.Config.Ics20Channel,
            state.Config.ProviderAddress, state.Config.PacketLifetime, state.Config.Feed),
        ConsumerMsg.Query.RemoteStake q => StakeOf(state, q.Validator),
        ConsumerMsg.Query.AllRemoteStakes => new ConsumerMsg.AllRemoteStakesResponse(
            state.RemoteStakes.Keys.Select(v => StakeOf(state, v)).ToImmutableArray()),
        ConsumerMsg.Query.Channel => new ConsumerMsg.ChannelResponse(state.Channel),
        ConsumerMsg.Query.UndeliveredRewards => new ConsumerMsg.UndeliveredRewardsResponse(
            state.UndeliveredRewards.Select(kv => new ConsumerMsg.UndeliveredReward(kv.Key, kv.Value)).ToImmutableArray()),
        ConsumerMsg.Query.RewardsTransfers => new ConsumerMsg.RewardsTransfersResponse(
            state.PendingTransfers.Select(kv => new ConsumerMsg.PendingTransfer(kv.Key, kv.Value.Validator, kv.Value.Amount)).ToImmutableArray(),
            state.RefundedRewards.Select(kv => new ConsumerMsg.UndeliveredReward(kv.Key, kv.Value)).ToImmutableArray()),
        _ => throw new StdError.Generic($"unknown query {msg.GetType().Name}").Raise(),
    };

    private static ConsumerMsg.RemoteStakeResponse StakeOf(ConsumerState state, string validator)
    {
        return new(validator, state.RemoteStake(validator), state.LocalOn(validator));
    }

    /// <summary>The meta-staking call that moves this provider's delegation on a validator by a (non-zero) local amount.</summary>
    private static CosmosMsg MetaStakingCall(ConsumerState state, MetaStakingMsg.Execute msg) =>
        new CosmosMsg.WasmExecute(state.Config.MetaStaking, msg, Coins.Empty);
}
