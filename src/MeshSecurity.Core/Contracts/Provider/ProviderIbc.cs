using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Contracts.Provider.ProviderState;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>
/// The provider's end of the mesh channel: handshake (docs/seed-contracts.md §2.1), and receiving
/// <see cref="ConsumerPacket"/>s. The acks and timeouts of its own packets are in ProviderContract.Acks.cs.
/// </summary>
public sealed partial class ProviderContract
{
    /// <summary>One channel only, unordered, the mesh version on both ends, over the configured connection.</summary>
    protected override (ProviderState State, Response Response) ChannelOpen(ContractContext ctx, ProviderState state, IbcChannel channel, string? counterpartyVersion)
    {
        if (state.Channel is { } existing) throw new ProviderError.ChannelExists(existing).Raise();
        if (channel.Order != MeshProtocol.Order) throw new ProviderError.InvalidChannelOrder().Raise();
        if (channel.Version != MeshProtocol.Version) throw new ProviderError.InvalidChannelVersion().Raise();
        if (counterpartyVersion is not null && counterpartyVersion != MeshProtocol.Version) throw new ProviderError.InvalidChannelVersion().Raise();
        if (channel.ConnectionId != state.Config.Consumer.ConnectionId) throw new ProviderError.WrongConnection(state.Config.Consumer.ConnectionId).Raise();
        return (state, Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.ChannelOpen));
    }

    /// <summary>
    /// The first connect wins (ChannelExists again here, as two handshakes may both pass open). Asks for the validators,
    /// and sends the burns that found no channel.
    /// </summary>
    protected override (ProviderState State, Response Response) ChannelConnect(ContractContext ctx, ProviderState state, IbcChannel channel, string? counterpartyVersion)
    {
        if (state.Channel is { } existing) throw new ProviderError.ChannelExists(existing).Raise();
        var id = channel.Endpoint.ChannelId;
        state = state with { Channel = id, Port = channel.Endpoint.PortId };
        var response = Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.ChannelConnect)
            .AddAttribute(ProviderEvents.ChannelKey, id)
            .AddMessage(SendPacket(ctx, state, id, new ProviderPacket.ListValidators()));
        foreach (var (validator, amount) in state.UndeliveredBurns)
            response = response.AddMessage(SendPacket(ctx, state, id, new ProviderPacket.Burn(validator, amount)));
        return (state with { UndeliveredBurns = state.UndeliveredBurns.Clear() }, response);
    }

    /// <summary>Clears the bound channel; nothing else changes (a new channel may be opened later).</summary>
    protected override (ProviderState State, Response Response) ChannelClose(ContractContext ctx, ProviderState state, IbcChannel channel)
    {
        var bound = state.Channel ?? throw new ProviderError.NoChannel().Raise();
        if (bound != channel.Endpoint.ChannelId) throw new ProviderError.UnknownChannel(channel.Endpoint.ChannelId).Raise();
        return (state with { Channel = null }, Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.ChannelClose).AddAttribute(ProviderEvents.ChannelKey, bound));
    }

    /// <summary>
    /// Only from the bound channel (UnknownChannel). Any error, a packet that does not parse included, makes the chain
    /// write an error ack and roll this call back.
    /// </summary>
    protected override (ProviderState State, Response Response) PacketReceive(ContractContext ctx, ProviderState state, IbcPacket packet, Addr relayer)
    {
        if (state.Channel != packet.Destination.ChannelId) throw new ProviderError.UnknownChannel(packet.Destination.ChannelId).Raise();
        return packet.DataAs<ConsumerPacket>() switch
        {
            ConsumerPacket.UpdateValidators u => UpdateValidators(state, u),
            ConsumerPacket.Rewards r => ReceiveRewards(state, r),
            ConsumerPacket.InternalUnstake u => InternalUnstake(ctx, state, u),
            var other => throw new StdError.Generic($"unknown consumer packet {other.GetType().Name}").Raise(),
        };
    }

    /// <summary>
    /// Production's order within one update (production-mesh.md 2.9): slashed (recorded only: this provider slashes its
    /// stake on evidence, through mesh-slasher), tombstoned (absorbing), additions (Active unless tombstoned), jailed,
    /// removals that are not also jailed (Unbonded, here Removed: a jailed validator leaves the set in the same block and
    /// may come back), and unjailed (nothing: an unjailed validator is Active again only when it rejoins the set, as an
    /// addition). Each change is kept in the validator's history at the consumer's height and time. Names this provider
    /// never heard of are ignored except in additions.
    /// </summary>
    private static (ProviderState, Response) UpdateValidators(ProviderState state, ConsumerPacket.UpdateValidators u)
    {
        var response = Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.UpdateValidators)
            .AddAttribute(ProviderEvents.HeightKey, u.Height);
        foreach (var slash in u.Slashed)
            response = response.AddEvent(ConsumerSlashedFields.Event(slash));
        state = SetStatus(state, u, u.Tombstoned, ValidatorStatus.Tombstoned, s => s is not ValidatorStatus.Tombstoned);
        foreach (var a in u.Added.Where(a => state.ValidatorOf(a) is null))
            state = state.WithStatus(a, ValidatorRecord.New, ValidatorStatus.Active, u.Height, u.Time);
        state = SetStatus(state, u, u.Added, ValidatorStatus.Active, s => s is not ValidatorStatus.Tombstoned);
        state = SetStatus(state, u, u.Jailed, ValidatorStatus.Jailed, s => s is not ValidatorStatus.Tombstoned);
        state = SetStatus(state, u, u.Removed.Except(u.Jailed), ValidatorStatus.Removed, s => s is not ValidatorStatus.Tombstoned);
        return (state, response.SetAck(Acknowledgement.Success(new ConsumerPacketAck.UpdateValidators())));
    }

    private static ProviderState SetStatus(
        ProviderState state, ConsumerPacket.UpdateValidators u, IEnumerable<string> validators, ValidatorStatus status,
        Func<ValidatorStatus, bool> from)
    {
        foreach (var name in validators)
            if (state.ValidatorOf(name) is { } v && from(v.Status))
                state = state.WithStatus(name, v, status, u.Height, u.Time);
        return state;
    }

    /// <summary>
    /// rpt_v += floor18(amount / validator tokens). B7: a non-zero amount, in the consumer's rewards denom when one is
    /// configured. NoStakedTokens when the validator has no tokens (the rewards would belong to nobody).
    /// </summary>
    private static (ProviderState, Response) ReceiveRewards(ProviderState state, ConsumerPacket.Rewards r)
    {
        var v = state.ValidatorOf(r.Validator) ?? throw new ProviderError.UnknownValidator(r.Validator).Raise();
        if (state.Config.ConsumerRewardsDenom is { } denom && r.TotalFunds.Denom != denom)
            throw new ProviderError.WrongRewardsDenom(denom, r.TotalFunds.Denom).Raise();
        if (r.TotalFunds.Amount.IsZero) throw new ProviderError.ZeroAmount().Raise();
        var tokens = v.Tokens;
        if (tokens.IsZero) throw new ProviderError.NoStakedTokens(r.Validator).Raise();
        state = state.WithValidator(r.Validator, v with { RewardsPerToken = v.RewardsPerToken + Dec.FromRatio(r.TotalFunds.Amount, tokens) });
        var response = Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.Rewards)
            .AddAttribute(ProviderEvents.ValidatorKey, r.Validator)
            .AddAttribute(ProviderEvents.AmountKey, r.TotalFunds.Amount)
            .SetAck(Acknowledgement.Success(new ConsumerPacketAck.Rewards()));
        return (state, response);
    }
}
