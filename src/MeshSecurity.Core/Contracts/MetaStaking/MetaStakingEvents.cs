namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>Attribute keys and action values of meta-staking's "wasm" event.</summary>
public static class MetaStakingEvents
{
    public const string ActionKey = "action";
    public const string AdminKey = "admin";
    public const string ConsumerKey = "consumer";
    public const string ValidatorKey = "validator";
    public const string AmountKey = "amount";
    public const string RewardsKey = "rewards";
    public const string RewardsPerTokenKey = "rewards_per_token";
    public const string ForfeitedRewardsKey = "forfeited_rewards";
    public const string CapKey = "cap";
    public const string LimitKey = "limit";
    public const string RequestedKey = "requested";
    public const string DelegatedKey = "delegated";
    public const string OverCapKey = "over_cap";

    /// <summary>"true" on a managed delegate or undelegate with epochs: recorded, delegated at the epoch's end.</summary>
    public const string QueuedKey = "queued";
    public const string HeightKey = "height";

    /// <summary>With a local minimum power: the most all consumers together may delegate at this rebalance.</summary>
    public const string VirtualLimitKey = "virtual_limit";

    public const string Instantiate = "instantiate";
    public const string Delegate = "delegate";
    public const string Undelegate = "undelegate";
    public const string WithdrawDelegatorReward = "withdraw_delegator_reward";
    public const string WithdrawToCustomer = "withdraw_to_costumer";
    public const string AddConsumer = "add_consumer";
    public const string RemoveConsumer = "remove_consumer";
    public const string SetCap = "set_cap";
    public const string Rebalance = "rebalance";
    public const string Epoch = "epoch";
    public const string EpochRewards = "epoch_rewards";

    /// <summary>
    /// One validator whose delegation a rebalance moved (over-cap = normalise): consumer, validator, requested,
    /// delegated (the new amount) and limit.
    /// </summary>
    public const string Rebalanced = "meta_staking_rebalanced";

    /// <summary>Rewards the chain had accrued on a validator, credited before a delegation change (which would withdraw them).</summary>
    public const string AttributedRewards = "attributed_rewards";
}
