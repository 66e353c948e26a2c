using System.Collections.Immutable;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>mesh-consumer's channel handshake and the packets it receives from the provider.</summary>
public sealed partial class ConsumerContract
{
    /// <summary>
    /// Init and Try: one channel at a time, unordered, version "mesh-security-v0.1" (and the counterparty's on Try),
    /// on the configured connection, to the configured provider port. No version override.
    /// </summary>
    protected override (ConsumerState State, Response Response) ChannelOpen(ContractContext ctx, ConsumerState state, IbcChannel channel, string? counterpartyVersion)
    {
        if (state.Channel is { } existing) throw new ConsumerError.ChannelExists(existing).Raise();
        if (channel.Order != MeshProtocol.Order) throw new ConsumerError.InvalidChannelOrder().Raise();
        if (channel.Version != MeshProtocol.Version) throw new ConsumerError.InvalidChannelVersion(channel.Version).Raise();
        if (counterpartyVersion is not null && counterpartyVersion != MeshProtocol.Version)
            throw new ConsumerError.InvalidChannelVersion(counterpartyVersion).Raise();
        if (channel.ConnectionId != state.Config.Provider.ConnectionId)
            throw new ConsumerError.WrongConnection(state.Config.Provider.ConnectionId).Raise();
        if (channel.CounterpartyEndpoint.PortId != state.Config.Provider.PortId)
            throw new ConsumerError.WrongPort(state.Config.Provider.PortId).Raise();
        return (state, Response.WithAttribute(ConsumerEvents.ActionKey, ConsumerEvents.ChannelOpen));
    }

    /// <summary>Ack and Confirm: the first channel to connect is bound (two handshakes may both pass open). Sends nothing.</summary>
    protected override (ConsumerState State, Response Response) ChannelConnect(ContractContext ctx, ConsumerState state, IbcChannel channel, string? counterpartyVersion)
    {
        if (state.Channel is { } existing) throw new ConsumerError.ChannelExists(existing).Raise();
        if (counterpartyVersion is not null && counterpartyVersion != MeshProtocol.Version)
            throw new ConsumerError.InvalidChannelVersion(counterpartyVersion).Raise();
        var id = channel.Endpoint.ChannelId;
        return (state with { Channel = id }, Response.Empty
            .AddAttribute(ConsumerEvents.ActionKey, ConsumerEvents.ChannelConnect)
            .AddAttribute(ConsumerEvents.ChannelKey, id));
    }

    /// <summary>
    /// Unbinds the channel; stakes and delegations stay (a new channel's provider resumes them). Refuses a channel that
    /// is not the bound one, including when none is bound.
    /// </summary>
    protected override (ConsumerState State, Response Response) ChannelClose(ContractContext ctx, ConsumerState state, IbcChannel channel)
    {
        var id = channel.Endpoint.ChannelId;
        if (state.Channel != id) throw new ConsumerError.UnknownChannel(id).Raise();
        return (state with { Channel = null }, Response.Empty
            .AddAttribute(ConsumerEvents.ActionKey, ConsumerEvents.ChannelClose)
            .AddAttribute(ConsumerEvents.ChannelKey, id));
    }

    /// <summary>
    /// A provider packet, only on the bound channel. Any raised error (an unknown channel, a packet that does not parse,
    /// a refused meta-staking call) makes the chain roll this receive back and write an error ack.
    /// </summary>
    protected override (ConsumerState State, Response Response) PacketReceive(ContractContext ctx, ConsumerState state, IbcPacket packet, Addr relayer)
    {
        var dest = packet.Destination.ChannelId;
        if (state.Channel != dest) throw new ConsumerError.UnknownChannel(dest).Raise();
        return packet.DataAs<ProviderPacket>() switch
        {
            ProviderPacket.ListValidators => ListValidators(ctx, state),
            ProviderPacket.Stake s => Stake(ctx, state, s.Validator, s.Amount),
            ProviderPacket.Unstake u => Unstake(ctx, state, u.Validator, u.Amount),
            ProviderPacket.Burn b => Burn(state, b.Validator, b.Amount),
            var other => throw new Errors.StdError.Generic($"unknown provider packet {other.GetType().Name}").Raise(),
        };
    }

    /// <summary>The chain's bonded validators, by operator address ascending.</summary>
    private static (ConsumerState, Response) ListValidators(ContractContext ctx, ConsumerState state)
    {
        var validators = ctx.Querier.Validators()
            .Where(v => v.Status == "bonded")
            .Select(v => v.Operator.Value)
            .OrderBy(v => v, StringComparer.Ordinal)
            .ToImmutableArray();
        return (state, Response.Empty
            .SetAck(Acknowledgement.Success(new ProviderPacketAck.ListValidators(validators)))
            .AddAttribute(ConsumerEvents.ActionKey, ConsumerEvents.ReceiveListValidators));
    }

    /// <summary>
    /// B9: remote += amount; delegates floor(new × rate) − floor(old × rate). Under a price feed it delegates the amount
    /// normalised at the latest price (StalePrice when there is none fresh). The validator must exist on this chain.
    /// </summary>
    private static (ConsumerState, Response) Stake(ContractContext ctx, ConsumerState state, string validator, Amount amount)
    {
        if (ctx.Querier.Validator(new Addr(validator)) is null) throw new ConsumerError.UnknownValidator(validator).Raise();
        var old = state.RemoteStake(validator);
        var now = old + amount;
        Amount delta;
        if (state.Config.Feed is { } feed)
        {
            delta = PriceRule.Normalise(amount, FreshPrice(ctx, state, feed), feed.Discount);
            state = state.WithBonded(validator, state.LocalOn(validator) + delta);
        }
        else
        {
            delta = state.LocalOf(now) - state.LocalOf(old);
        }
        var response = Moved(state, ConsumerEvents.ReceiveStake, validator, amount, now, delta,
                new MetaStakingMsg.Execute.Delegate(validator, delta))
            .SetAck(Acknowledgement.Success(new ProviderPacketAck.Stake()));
        return (state.WithRemoteStake(validator, now), response);
    }

    /// <summary>
    /// B9: remote −= amount (not below zero: InsufficientStake); undelegates the difference of the floors. Stake an
    /// eviction already sent back is taken first from its allowance (ConsumerEviction.cs), with nothing to undelegate.
    /// Under a price feed the rest is valued at the latest fresh price, and must not pass what is bonded for this provider
    /// on the validator (InsufficientBond, as production after a price rise).
    /// </summary>
    private static (ConsumerState, Response) Unstake(ContractContext ctx, ConsumerState state, string validator, Amount amount)
    {
        var old = state.RemoteStake(validator);
        if (amount > old + state.EvictedOn(validator))
            throw new ConsumerError.InsufficientStake(validator, old + state.EvictedOn(validator), amount).Raise();
        var (next, evicted) = TakeEvicted(state, validator, amount);
        Amount? local = null;
        if (next.Config.Feed is { } feed && amount > evicted)
        {
            local = PriceRule.Normalise(amount - evicted, FreshPrice(ctx, next, feed), feed.Discount);
            if (local > next.LocalOn(validator))
                throw new ConsumerError.InsufficientBond(validator, next.LocalOn(validator), local.Value).Raise();
        }
        var (lowered, response) = Lower(next, ConsumerEvents.ReceiveUnstake, validator, amount - evicted, local);
        if (!evicted.IsZero) response = response.AddAttribute(ConsumerEvents.EvictedKey, evicted);
        return (lowered, response.SetAck(Acknowledgement.Success(new ProviderPacketAck.Unstake())));
    }

    /// <summary>
    /// A slash or cut on the provider: like unstake, but capped at the record instead of refused, because the power
    /// must fall as far as it can (a refusal would leave all of it in place). Under a price feed it is valued at the
    /// latest price even when outdated (a burn is never refused), at most what is bonded.
    /// </summary>
    private static (ConsumerState, Response) Burn(ConsumerState state, string validator, Amount amount)
    {
        var capped = Amount.Min(amount, state.RemoteStake(validator));
        Amount? local = state.Config.Feed is { } feed
            ? Amount.Min(state.LocalOn(validator), state.Price is { } p ? PriceRule.Normalise(capped, p.Price, feed.Discount) : Amount.Zero)
            : null;
        var (next, response) = Lower(state, ConsumerEvents.ReceiveBurn, validator, capped, local);
        return (next, response.SetAck(Acknowledgement.Success(new ProviderPacketAck.Burn())));
    }

    /// <summary>
    /// Lowers the record by <paramref name="amount"/> and undelegates <paramref name="local"/> (by default the floors' difference).
    /// </summary>
    private static (ConsumerState, Response) Lower(
        ConsumerState state, string action, string validator, Amount amount, Amount? local = null)
    {
        var old = state.RemoteStake(validator);
        var now = old - amount;
        var delta = local ?? state.LocalOf(old) - state.LocalOf(now);
        if (local is { } l) state = state.WithBonded(validator, state.LocalOn(validator) - l);
        var response = Moved(state, action, validator, amount, now, delta, new MetaStakingMsg.Execute.Undelegate(validator, delta));
        return (state.WithRemoteStake(validator, now), response);
    }

    /// <summary>The feed's latest price, unless there is none or it is outdated (StalePrice).</summary>
    private static Dec FreshPrice(ContractContext ctx, ConsumerState state, ConsumerMsg.PriceFeed feed) =>
        state.Price is { } p && !PriceRule.IsStale(p.PublishedAt, feed.Ttl, ctx.Env.Time)
            ? p.Price
            : throw new ConsumerError.StalePrice(state.Price?.PublishedAt, feed.Ttl).Raise();

    /// <summary>The response of a stake change: the meta-staking call when the local amount moves, and the attributes.</summary>
    private static Response Moved(ConsumerState state, string action, string validator, Amount amount, Amount remote, Amount delta, MetaStakingMsg.Execute call)
    {
        var response = Response.WithAttributes(
            (ConsumerEvents.ActionKey, action),
            (ConsumerEvents.ValidatorKey, validator),
            (ConsumerEvents.AmountKey, amount),
            (ConsumerEvents.RemoteStakeKey, remote),
            (ConsumerEvents.LocalAmountKey, delta));
        return delta.IsZero ? response : response.AddMessage(MetaStakingCall(state, call));
    }
}
