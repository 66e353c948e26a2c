using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// Acks and timeouts of the packets mesh-consumer sends. None of them raises on a failed packet: an error here would
/// fail the relayer's transaction and leave the packet unresolved for ever (docs/seed-contracts.md §2.4), so failures
/// are handled and reported.
/// </summary>
public sealed partial class ConsumerContract
{
    protected override (ConsumerState State, Response Response) PacketAck(ContractContext ctx, ConsumerState state, IbcPacket packet, Acknowledgement ack, Addr relayer) =>
        ack.IsSuccess
            ? Delivered(ctx, state, packet)
            : Failed(ctx, state, packet, new ConsumerError.AckFailed(ack.Error ?? ""));

    protected override (ConsumerState State, Response Response) PacketTimeout(ContractContext ctx, ConsumerState state, IbcPacket packet, Addr relayer) =>
        Failed(ctx, state, packet, null);

    /// <summary>
    /// Rewards: the provider credited them, so the tokens follow over ICS-20, with any earlier refunded transfer for the
    /// validator (ConsumerTransfers.cs), and are tracked until the transfer settles. UpdateValidators: forget any resend mark.
    /// </summary>
    private static (ConsumerState, Response) Delivered(ContractContext ctx, ConsumerState state, IbcPacket packet)
    {
        switch (packet.DataAs<ConsumerPacket>())
        {
            case ConsumerPacket.Rewards r:
                return SendTransfer(ctx, state, r, Response.Empty
                    .AddAttribute(ConsumerEvents.ActionKey, ConsumerEvents.AckRewards)
                    .AddAttribute(ConsumerEvents.ValidatorKey, r.Validator)
                    .AddAttribute(ConsumerEvents.AmountKey, r.TotalFunds));
            case ConsumerPacket.UpdateValidators:
                return (Unmark(state, packet), Response.WithAttribute(ConsumerEvents.ActionKey, ConsumerEvents.AckUpdateValidators));
            case ConsumerPacket.InternalUnstake u:
                return (state, Response.WithAttribute(ConsumerEvents.ActionKey, ConsumerEvents.AckInternalUnstake)
                    .AddAttribute(ConsumerEvents.ValidatorKey, u.Validator).AddAttribute(ConsumerEvents.AmountKey, u.Amount));
            default:
                throw new StdError.Generic("unknown consumer packet").Raise();
        }
    }

    /// <summary>
    /// B8: failed rewards are kept for the validator and ride along with its next Rewards packet.
    /// UpdateValidators is resent once with a new timeout on the same channel if it is still bound; a resend that fails
    /// too is dropped (the provider relists validators on its next channel). A resend may arrive after a later update.
    /// InternalUnstake is resent on a timeout while its channel is bound; an error ack is reported.
    /// <paramref name="ackError"/> is null for a timeout.
    /// </summary>
    private static (ConsumerState, Response) Failed(ContractContext ctx, ConsumerState state, IbcPacket packet, ConsumerError.AckFailed? ackError)
    {
        switch (packet.DataAs<ConsumerPacket>())
        {
            case ConsumerPacket.Rewards r:
            {
                var next = state.WithUndelivered(r.Validator, state.Undelivered(r.Validator).Add(Coins.Of(r.TotalFunds)));
                var error = (ConsumerError?)ackError ?? new ConsumerError.RewardsFailed();
                return (next, Response.Empty.AddEvent(PacketFailedFields.Event("rewards", error, r.Validator)));
            }
            case ConsumerPacket.UpdateValidators:
            {
                var key = Convert.ToBase64String(packet.Data);
                if (!state.ResentValsetUpdates.Contains(key) && state.Channel == packet.Source.ChannelId)
                {
                    var resend = new CosmosMsg.IbcSendPacket(packet.Source.ChannelId, packet.Data, state.PacketTimeout(ctx.Env));
                    var marked = state with { ResentValsetUpdates = state.ResentValsetUpdates.Add(key) };
                    return (marked, Response.Empty.AddMessage(resend)
                        .AddAttribute(ConsumerEvents.ActionKey, ConsumerEvents.ResendUpdateValidators));
                }
                var error = (ConsumerError?)ackError ?? new ConsumerError.UpdateValidatorsFailed();
                return (Unmark(state, packet), Response.Empty.AddEvent(PacketFailedFields.Event("update_validators", error)));
            }
            case ConsumerPacket.InternalUnstake u:
            {
                // as production: a timed-out eviction is sent again (the stake is gone here, the provider must learn it)
                if (ackError is null && state.Channel == packet.Source.ChannelId)
                    return (state, Response.Empty
                        .AddMessage(new CosmosMsg.IbcSendPacket(packet.Source.ChannelId, packet.Data, state.PacketTimeout(ctx.Env)))
                        .AddAttribute(ConsumerEvents.ActionKey, ConsumerEvents.ResendInternalUnstake)
                        .AddAttribute(ConsumerEvents.ValidatorKey, u.Validator));
                var error = (ConsumerError?)ackError ?? new ConsumerError.NoChannel();
                return (state, Response.Empty.AddEvent(PacketFailedFields.Event("internal_unstake", error, u.Validator)));
            }
            default:
                throw new StdError.Generic("unknown consumer packet").Raise();
        }
    }

    private static ConsumerState Unmark(ConsumerState state, IbcPacket packet) =>
        state with { ResentValsetUpdates = state.ResentValsetUpdates.Remove(Convert.ToBase64String(packet.Data)) };
}
