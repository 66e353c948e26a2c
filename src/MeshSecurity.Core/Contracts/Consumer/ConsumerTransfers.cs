using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// The ICS-20 side of rewards. After the provider acknowledges a Rewards packet it has credited the coins, so they
/// must reach it: the transfer goes out as a sub-message whose reply records its sequence, and the transfer module's
/// <see cref="TransferLifecycle.Completed"/> callback settles it. A refused or timed-out transfer is refunded to this
/// contract; its coins are kept as refunded rewards and join the transfer after the validator's next acknowledged
/// Rewards packet. They never ride in a Rewards packet again: the provider would credit them a second time.
/// </summary>
public sealed partial class ConsumerContract
{
    /// <summary>The reply id of the ICS-20 transfer of rewards, the only sub-message that asks for a reply.</summary>
    public const ulong TransferReplyId = 1;

    /// <summary>
    /// The transfer of a validator's acknowledged rewards plus what earlier transfers for it brought back (same denom),
    /// to the provider address on the configured ICS-20 channel. The reply records its sequence.
    /// </summary>
    private static (ConsumerState, Response) SendTransfer(ContractContext ctx, ConsumerState state, ConsumerPacket.Rewards r, Response response)
    {
        var denom = r.TotalFunds.Denom;
        var refunded = state.Refunded(r.Validator);
        var coin = new Coin(denom, r.TotalFunds.Amount + refunded.AmountOf(denom));
        var next = state.WithRefunded(r.Validator, refunded.Sub(Coins.Of(denom, refunded.AmountOf(denom)))) with
        {
            SendingTransfer = new ConsumerState.RewardsTransfer(r.Validator, coin),
        };
        var transfer = new CosmosMsg.IbcTransfer(state.Config.Ics20Channel, state.Config.ProviderAddress, coin, state.PacketTimeout(ctx.Env));
        return (next, response
            .AddSubMessage(new SubMsg(TransferReplyId, transfer, ReplyOn.Success))
            .AddAttribute(ConsumerEvents.TransferAmountKey, coin));
    }

    /// <summary>The transfer's reply: its data is the packet sequence, under which the transfer is kept until it settles.</summary>
    protected override (ConsumerState State, Response Response) HandleReply(ContractContext ctx, ConsumerState state, Reply reply)
    {
        if (state.Rises?.ContainsKey(reply.Id) == true) return RiseRefused(state, reply);
        if (reply.Id != TransferReplyId) throw new ConsumerError.InvalidReplyId(reply.Id).Raise();
        var transfer = state.SendingTransfer
                       ?? throw new StdError.NotFound("rewards transfer awaiting its sequence").Raise();
        if (reply.Data is not ulong sequence)
            throw new StdError.ParseError("u64", reply.Data?.GetType().Name ?? "null", "the ICS-20 transfer's reply carries no packet sequence").Raise();
        if (state.PendingTransfers.ContainsKey(sequence))
            throw new StdError.Generic($"a rewards transfer with sequence {sequence} is already pending").Raise();

        var next = state with { PendingTransfers = state.PendingTransfers.Add(sequence, transfer), SendingTransfer = null };
        return (next, Response.Empty
            .AddAttribute(ConsumerEvents.ActionKey, ConsumerEvents.SendRewardsTransfer)
            .AddAttribute(ConsumerEvents.ValidatorKey, transfer.Validator)
            .AddAttribute(ConsumerEvents.AmountKey, transfer.Amount)
            .AddAttribute(ConsumerEvents.SequenceKey, sequence));
    }

    /// <summary>
    /// The transfer module's callback. Delivered: the record is dropped. Refused or timed out: the refund is already in
    /// this contract's balance, so the coins move to the validator's refunded rewards. A transfer with no record (another
    /// channel, an unknown or already settled sequence) is refused with <see cref="ConsumerError.UnknownTransfer"/>:
    /// the chain rolls the callback back and ignores it, and nothing is credited twice.
    /// </summary>
    private static (ConsumerState, Response) TransferCompleted(ConsumerState state, TransferLifecycle.Completed c)
    {
        if (c.Channel != state.Config.Ics20Channel || !state.PendingTransfers.TryGetValue(c.Sequence, out var transfer))
            throw new ConsumerError.UnknownTransfer(c.Channel, c.Sequence).Raise();
        var next = state with { PendingTransfers = state.PendingTransfers.Remove(c.Sequence) };
        if (c.Success)
        {
            return (next, Response.Empty
                .AddAttribute(ConsumerEvents.ActionKey, ConsumerEvents.RewardsTransferDelivered)
                .AddAttribute(ConsumerEvents.ValidatorKey, transfer.Validator)
                .AddAttribute(ConsumerEvents.AmountKey, transfer.Amount)
                .AddAttribute(ConsumerEvents.SequenceKey, c.Sequence));
        }

        next = next.WithRefunded(transfer.Validator, next.Refunded(transfer.Validator).Add(Coins.Of(transfer.Amount)));
        ConsumerError error = c.TimedOut ? new ConsumerError.TransferTimedOut() : new ConsumerError.TransferRefused();
        return (next, Response.Empty.AddEvent(TransferFailedFields.Event(transfer, c.Sequence, error)));
    }

    /// <summary>
    /// What the chain may send to sudo: a <see cref="ChainHook"/> or a <see cref="TransferLifecycle"/> callback, typed or
    /// as JSON. Anything else is refused with a parse error that says what is accepted.
    /// </summary>
    private static object SudoMessage(object msg) => msg switch
    {
        ChainHook or TransferLifecycle => msg,
        byte[] json => DecodeSudo(json),
        string json => DecodeSudo(System.Text.Encoding.UTF8.GetBytes(json)),
        _ => throw new StdError.ParseError(SudoTarget, msg.GetType().Name, SudoAccepts).Raise(),
    };

    private const string SudoTarget = $"{nameof(ChainHook)} or {nameof(TransferLifecycle)}";

    private const string SudoAccepts = "mesh-consumer accepts only chain hooks and ICS-20 transfer callbacks as sudo";

    private static object DecodeSudo(byte[] json)
    {
        try
        {
            return Wire.Decode<ChainHook>(json);
        }
        catch (MeshException)
        {
            // not a chain hook: a transfer callback, or neither
        }
        try
        {
            return Wire.Decode<TransferLifecycle>(json);
        }
        catch (MeshException)
        {
            var text = System.Text.Encoding.UTF8.GetString(json);
            throw new StdError.ParseError(SudoTarget, text.Length > 200 ? text[..200] + "..." : text, SudoAccepts).Raise();
        }
    }
}
