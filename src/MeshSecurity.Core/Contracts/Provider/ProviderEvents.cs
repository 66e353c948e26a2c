namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>Attribute keys and values of mesh-provider's "wasm" event, and the types of its extra events (seed names).</summary>
public static class ProviderEvents
{
    public const string ActionKey = "action";
    public const string OwnerKey = "owner";
    public const string ValidatorKey = "validator";
    public const string AmountKey = "amount";
    public const string PercentageKey = "percentage";
    public const string ChannelKey = "channel";
    public const string ReasonKey = "reason";
    public const string UncoveredKey = "uncovered";
    public const string HeightKey = "height";
    public const string InfractionHeightKey = "infraction_height";

    /// <summary>The consumer chain slashed one of its validators (an update's slashed list); recorded, nothing moves.</summary>
    public const string ConsumerSlashed = "consumer_slashed";

    /// <summary>
    /// On an eager slash: the stake slashable at the infraction (<see cref="SlashWarranty"/>), beside the amount slashed.
    /// </summary>
    public const string SlashableKey = "slashable";

    public const string Instantiate = "instantiate";
    public const string ReceiveClaim = "receive_claim";
    public const string Unstake = "unstake";
    public const string Unbond = "unbond";
    public const string Slash = "slash";
    public const string CutStake = "cut_stake";
    public const string ClaimRewards = "claim_rewards";
    public const string ChannelOpen = "ibc_channel_open";
    public const string ChannelConnect = "ibc_channel_connect";
    public const string ChannelClose = "ibc_channel_close";
    public const string UpdateValidators = "update_validators";
    public const string Rewards = "rewards";
    public const string InternalUnstake = "internal_unstake";
    public const string ReleasedKey = "released";

    /// <summary>Attribute value of a ListValidators success ack (seed: "ack list_validators").</summary>
    public const string AckListValidators = "ack list_validators";

    public const string AckStake = "ack_stake";
    public const string FailedStake = "failed_stake";
    public const string AckUnstake = "ack_unstake";
    public const string FailedUnstake = "failed_unstake";
    public const string AckBurn = "ack_burn";
    public const string FailedBurn = "failed_burn";
    public const string ResentBurn = "resent_burn";
    public const string ListValidatorsRetry = "list_validators_retry";
    public const string ListValidatorsFail = "list_validators_fail";
}
