using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

/// <summary>
/// The ICS-20 transfer of acknowledged rewards: recorded by sequence in the reply, settled by the transfer module's
/// Completed callback; a refused or timed-out transfer's coins go out again with the validator's next transfer.
/// </summary>
public sealed class ConsumerTransferTests
{
    private readonly ConsumerFixture _f = new();

    private static Acknowledgement RewardsAck => Acknowledgement.Success(new ConsumerPacketAck.Rewards());

    private Response Complete(ulong sequence, bool success, bool timedOut = false) =>
        _f.H.Ok(new ContractCall.Sudo(Completed(sequence, success, timedOut)));

    private static ConsumerMsg.PendingTransfer Pending(ulong sequence, ulong amount, string validator = Validator) =>
        new(sequence, validator, new Coin(Denom, amount));

    private static ConsumerMsg.UndeliveredReward Kept(ulong amount, string validator = Validator) =>
        new(validator, Coins.Of(Denom, amount));

    [Fact]
    public void The_transfer_asks_for_a_reply_on_success_and_the_reply_records_its_sequence()
    {
        var ack = _f.Ack(_f.Sent(_f.ReceiveRewards(42)), RewardsAck);
        Assert.Equal(new Coin(Denom, 42), Transfer(ack).Amount);
        Assert.Empty(_f.RewardsTransfers().Pending);                          // the sequence is not known before the reply

        var reply = _f.TransferSent(7);
        Assert.Equal([Pending(7, 42)], _f.RewardsTransfers().Pending.ToArray());
        Assert.Empty(_f.RewardsTransfers().Refunded);
        Assert.Contains(new EventAttribute(ConsumerEvents.ActionKey, ConsumerEvents.SendRewardsTransfer), reply.Attributes);
        Assert.Contains(new EventAttribute(ConsumerEvents.SequenceKey, "7"), reply.Attributes);
    }

    [Fact]
    public void Several_transfers_are_pending_by_sequence_until_each_settles()
    {
        _f.RewardsTransferred(42, 7);
        _f.RewardsTransferred(3, 8, Validator2);
        Assert.Equal([Pending(7, 42), Pending(8, 3, Validator2)], _f.RewardsTransfers().Pending.ToArray());

        Complete(8, success: true);
        Assert.Equal([Pending(7, 42)], _f.RewardsTransfers().Pending.ToArray());
    }

    [Fact]
    public void A_delivered_transfer_drops_its_record_and_keeps_nothing()
    {
        _f.RewardsTransferred(42, 7);
        var response = Complete(7, success: true);
        Assert.Empty(response.Messages);
        Assert.Empty(response.Events);
        Assert.Contains(new EventAttribute(ConsumerEvents.ActionKey, ConsumerEvents.RewardsTransferDelivered), response.Attributes);
        Assert.Empty(_f.RewardsTransfers().Pending);
        Assert.Empty(_f.RewardsTransfers().Refunded);
        Assert.Empty(_f.Undelivered());
    }

    [Theory]
    [InlineData(false, nameof(ConsumerError.TransferRefused), "Rewards transfer refused")]
    [InlineData(true, nameof(ConsumerError.TransferTimedOut), "Rewards transfer timed out")]
    public void A_refused_or_timed_out_transfer_keeps_its_coins_as_refunded_and_reports_it(bool timedOut, string kind, string message)
    {
        _f.RewardsTransferred(42, 7);
        var response = Complete(7, success: false, timedOut);
        Assert.Empty(response.Messages);
        var e = Assert.Single(response.Events);
        Assert.Equal(ConsumerEvents.TransferFailed, e.Type);
        Assert.Equal(Validator, e.Get(ConsumerEvents.ValidatorKey));
        Assert.Equal("42ustake", e.Get(ConsumerEvents.AmountKey));
        Assert.Equal("7", e.Get(ConsumerEvents.SequenceKey));
        Assert.Equal(kind, e.Get(ConsumerEvents.KindKey));
        Assert.Equal(message, e.Get(ConsumerEvents.ErrorKey));

        Assert.Empty(_f.RewardsTransfers().Pending);
        Assert.Equal([Kept(42)], _f.RewardsTransfers().Refunded.ToArray());
        Assert.Empty(_f.Undelivered());                                       // the provider credited them: not B8's undelivered
    }

    [Fact]
    public void Refunded_coins_go_with_the_transfer_after_the_next_rewards_packet_not_in_it()
    {
        _f.RewardsTransferred(42, 7);
        Complete(7, success: false, timedOut: true);

        // the packet carries only the new rewards: the provider credited the 42 already
        var packet = _f.Sent(_f.ReceiveRewards(5));
        Assert.Equal(new ConsumerPacket.Rewards(Validator, new Coin(Denom, 5)), Wire.Decode<ConsumerPacket>(packet.Data));
        Assert.Equal([Kept(42)], _f.RewardsTransfers().Refunded.ToArray());

        // the transfer after its ack carries both
        var ack = _f.Ack(packet, RewardsAck);
        Assert.Equal(new CosmosMsg.IbcTransfer(Ics20Channel, "osmo1provider", new Coin(Denom, 47), IbcTimeout.AtTime(_f.H.Time.PlusSeconds(3600))), Transfer(ack));
        Assert.Contains(new EventAttribute(ConsumerEvents.AmountKey, "5ustake"), ack.Attributes);
        Assert.Contains(new EventAttribute(ConsumerEvents.TransferAmountKey, "47ustake"), ack.Attributes);
        Assert.Empty(_f.RewardsTransfers().Refunded);

        _f.TransferSent(9);
        Assert.Equal([Pending(9, 47)], _f.RewardsTransfers().Pending.ToArray());
        Complete(9, success: true);
        Assert.Empty(_f.RewardsTransfers().Pending);
    }

    [Fact]
    public void Refunded_coins_of_one_validator_do_not_go_with_another_validators_transfer()
    {
        _f.RewardsTransferred(42, 7);
        Complete(7, success: false);
        Assert.Equal(new Coin(Denom, 3), _f.RewardsTransferred(3, 8, Validator2).Amount);
        Assert.Equal([Kept(42)], _f.RewardsTransfers().Refunded.ToArray());
    }

    [Fact]
    public void Refunded_coins_stay_when_the_next_rewards_packet_fails_and_all_arrive_with_the_one_after()
    {
        _f.RewardsTransferred(42, 7);
        Complete(7, success: false, timedOut: true);

        _f.Timeout(_f.Sent(_f.ReceiveRewards(5)));                            // B8: the 5 are undelivered, not credited
        Assert.Equal([Kept(5)], _f.Undelivered());
        Assert.Equal([Kept(42)], _f.RewardsTransfers().Refunded.ToArray());

        var packet = _f.Sent(_f.ReceiveRewards(1));
        Assert.Equal(new ConsumerPacket.Rewards(Validator, new Coin(Denom, 6)), Wire.Decode<ConsumerPacket>(packet.Data));
        Assert.Equal(new Coin(Denom, 48), Transfer(_f.Ack(packet, RewardsAck)).Amount);
        Assert.Empty(_f.Undelivered());
        Assert.Empty(_f.RewardsTransfers().Refunded);
    }

    [Fact]
    public void A_transfer_that_fails_twice_keeps_all_its_coins_for_the_next_one()
    {
        _f.RewardsTransferred(42, 7);
        Complete(7, success: false);
        _f.RewardsTransferred(5, 8);                                          // 47
        Complete(8, success: false, timedOut: true);
        Assert.Equal([Kept(47)], _f.RewardsTransfers().Refunded.ToArray());
        Assert.Equal(new Coin(Denom, 48), _f.RewardsTransferred(1, 9).Amount);
    }

    [Fact]
    public void A_callback_for_an_unknown_sequence_is_refused_with_UnknownTransfer_and_changes_nothing()
    {
        _f.RewardsTransferred(42, 7);
        Assert.Equal(new ConsumerError.UnknownTransfer(Ics20Channel, 8), _f.H.Fails(new ContractCall.Sudo(Completed(8, success: false))));
        Assert.Equal([Pending(7, 42)], _f.RewardsTransfers().Pending.ToArray());
        Assert.Empty(_f.RewardsTransfers().Refunded);
    }

    [Fact]
    public void A_callback_on_another_channel_is_refused_with_UnknownTransfer()
    {
        _f.RewardsTransferred(42, 7);
        var error = _f.H.Fails(new ContractCall.Sudo(Completed(7, success: false, channel: "channel-9")));
        Assert.Equal(new ConsumerError.UnknownTransfer("channel-9", 7), error);
        Assert.Equal([Pending(7, 42)], _f.RewardsTransfers().Pending.ToArray());
    }

    [Fact]
    public void A_second_callback_for_a_settled_transfer_is_refused_so_nothing_is_kept_twice()
    {
        _f.RewardsTransferred(42, 7);
        Complete(7, success: false);
        Assert.IsType<ConsumerError.UnknownTransfer>(_f.H.Fails(new ContractCall.Sudo(Completed(7, success: false))));
        Assert.Equal([Kept(42)], _f.RewardsTransfers().Refunded.ToArray());
    }

    [Fact]
    public void A_reply_with_another_id_is_refused_with_InvalidReplyId()
    {
        _f.Ack(_f.Sent(_f.ReceiveRewards(42)), RewardsAck);
        var error = _f.H.Fails(new ContractCall.HandleReply(new Reply(2, [], 7UL, null)));
        Assert.Equal(new ConsumerError.InvalidReplyId(2), error);
    }

    [Fact]
    public void A_reply_without_a_sequence_is_refused_with_a_parse_error()
    {
        _f.Ack(_f.Sent(_f.ReceiveRewards(42)), RewardsAck);
        Assert.IsType<StdError.ParseError>(_f.H.Fails(new ContractCall.HandleReply(new Reply(ConsumerContract.TransferReplyId, [], null, null))));
    }

    [Fact]
    public void A_reply_when_no_transfer_was_sent_is_refused_with_NotFound()
    {
        Assert.IsType<StdError.NotFound>(_f.H.Fails(new ContractCall.HandleReply(new Reply(ConsumerContract.TransferReplyId, [], 7UL, null))));
    }

    [Fact]
    public void The_callback_reads_its_json_form()
    {
        _f.RewardsTransferred(42, 7);
        _f.RewardsTransferred(3, 8);
        _f.H.Ok(new ContractCall.Sudo(Wire.Encode<TransferLifecycle>(Completed(7, success: false))));
        _f.H.Ok(new ContractCall.Sudo(System.Text.Encoding.UTF8.GetString(Wire.Encode<TransferLifecycle>(Completed(8, success: true)))));
        Assert.Empty(_f.RewardsTransfers().Pending);
        Assert.Equal([Kept(42)], _f.RewardsTransfers().Refunded.ToArray());
    }

    [Fact]
    public void Other_sudo_messages_are_refused_with_a_parse_error_that_names_what_is_accepted()
    {
        var typed = Assert.IsType<StdError.ParseError>(_f.H.Fails(new ContractCall.Sudo(new ProviderPacket.ListValidators())));
        Assert.Contains("chain hooks and ICS-20 transfer callbacks", typed.Reason);
        var json = Assert.IsType<StdError.ParseError>(_f.H.Fails(new ContractCall.Sudo("""{"unknown_hook":{}}""")));
        Assert.Contains("unknown_hook", json.Input);
        Assert.IsType<StdError.ParseError>(_f.H.Fails(new ContractCall.Sudo(new byte[] { 0x7b })));
    }
}
