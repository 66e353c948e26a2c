namespace MeshSecurity.Core.Staking;

/// <summary>
/// Event types and attribute keys of the staking module, SDK-like. Amounts are coin strings ("100stake"), times are
/// nanoseconds since the epoch as a decimal string, decimals print like cosmwasm ("0.05").
/// </summary>
public static class StakingEvents
{
    public const string CreateValidator = "create_validator";
    public const string Delegate = "delegate";
    public const string Unbond = "unbond";
    public const string CompleteUnbonding = "complete_unbonding";
    public const string Slash = "slash";
    public const string Jail = "jail";
    public const string Unjail = "unjail";
    public const string Tombstone = "tombstone";
    public const string Rewards = "rewards";
    public const string WithdrawRewards = "withdraw_rewards";
    public const string PowerChange = "power_change";

    public const string ValidatorKey = "validator";
    public const string DelegatorKey = "delegator";
    public const string AmountKey = "amount";
    public const string NewSharesKey = "new_shares";
    public const string SharesKey = "shares";
    public const string CompletionTimeKey = "completion_time";
    public const string InfractionHeightKey = "infraction_height";
    public const string FractionKey = "fraction";
    public const string BurnedKey = "burned_coins";
    public const string JailedUntilKey = "jailed_until";
    public const string PowerKey = "power";
    public const string PreviousPowerKey = "previous_power";
}
