namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>Attribute keys and action values of mesh-consumer's "wasm" event, and the type of its failure event.</summary>
public static class ConsumerEvents
{
    public const string ActionKey = "action";
    public const string ValidatorKey = "validator";
    public const string AmountKey = "amount";
    public const string LocalAmountKey = "local_amount";
    public const string RemoteStakeKey = "remote_stake";
    public const string ChannelKey = "channel_id";
    public const string PacketKey = "packet";
    public const string ErrorKey = "error";
    public const string KindKey = "kind";
    public const string SequenceKey = "sequence";
    public const string TransferAmountKey = "transfer_amount";

    public const string Instantiate = "instantiate";
    public const string ChannelOpen = "channel_open";
    public const string ChannelConnect = "channel_connect";
    public const string ChannelClose = "channel_close";
    public const string ReceiveListValidators = "receive_list_validators";
    public const string ReceiveStake = "receive_stake";
    public const string ReceiveUnstake = "receive_unstake";
    public const string ReceiveBurn = "receive_burn";
    public const string SendRewards = "send_rewards";
    public const string AckRewards = "ack_rewards";
    public const string SendUpdateValidators = "send_update_validators";
    public const string AckUpdateValidators = "ack_update_validators";
    public const string ResendUpdateValidators = "resend_update_validators";
    public const string SendRewardsTransfer = "send_rewards_transfer";
    public const string RewardsTransferDelivered = "rewards_transfer_delivered";
    public const string Evict = "evict";
    public const string SendInternalUnstake = "send_internal_unstake";
    public const string AckInternalUnstake = "ack_internal_unstake";
    public const string ResendInternalUnstake = "resend_internal_unstake";
    public const string EvictedKey = "evicted";
    public const string UpdatePrice = "update_price";
    public const string PriceKey = "price";
    public const string Remark = "remark";
    public const string RemarkRefused = "remark_refused";
    public const string RemarkSkipped = "remark_skipped";
    public const string BeforeKey = "before";
    public const string AfterKey = "after";

    /// <summary>
    /// Emitted (as its own event) when a packet of this consumer fails for good: a Rewards packet (the coins are kept for the
    /// next one) or an UpdateValidators packet after its resend. Attributes: packet, validator?, kind, error.
    /// </summary>
    public const string PacketFailed = "mesh_consumer_packet_failed";

    /// <summary>
    /// Emitted (as its own event) when an ICS-20 transfer of rewards comes back refused or timed out: its coins are kept
    /// as refunded rewards and join the transfer after the validator's next acknowledged Rewards packet.
    /// Attributes: validator, amount, sequence, kind, error.
    /// </summary>
    public const string TransferFailed = "mesh_consumer_transfer_failed";
}
