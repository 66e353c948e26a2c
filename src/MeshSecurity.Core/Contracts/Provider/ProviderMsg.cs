using System.Collections.Immutable;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>
/// The messages of mesh-provider ("External Staker") and its query answers. Its packets are
/// <see cref="Apis.ProviderPacket"/> out and <see cref="Apis.ConsumerPacket"/> in.
/// </summary>
public static class ProviderMsg
{
    public sealed record ConsumerInfo(string ConnectionId);

    /// <summary>The slasher to instantiate; without <paramref name="Msg"/> the provider fills one in from its own config.</summary>
    public sealed record SlasherInfo(string CodeId = SlasherContract.Code, SlasherMsg.Instantiate? Msg = null);

    /// <summary>
    /// <paramref name="UnbondingPeriod"/>: seconds before an unstaked claim matures; <paramref name="RewardsIbcDenom"/>: the
    /// ICS-20 denom rewards arrive in; <paramref name="ConsumerRewardsDenom"/>: when set, Rewards packets must name this
    /// (consumer-side) denom (B7); <paramref name="Profile"/> defaults to <see cref="MeshProfile.Intended"/>;
    /// <paramref name="ReleaseInactiveUnstakes"/>: production's immediate release of an unstake from a validator that is
    /// removed (unbonded) or tombstoned (default: it waits the unbonding period, as in the seed).
    /// </summary>
    public sealed record Instantiate(
        ConsumerInfo Consumer,
        SlasherInfo Slasher,
        string Lockup,
        ulong UnbondingPeriod,
        string RewardsIbcDenom,
        ulong? PacketLifetime = null,
        string? ConsumerRewardsDenom = null,
        MeshProfile? Profile = null,
        bool? ReleaseInactiveUnstakes = null)
    {
        /// <summary>
        /// Set for a lockup under the vault's rule: the provider declares it to the lockup at instantiation and commits or
        /// rolls back each stake's lien on its ack (docs/contracts.md, "Collateral").
        /// </summary>
        public Lockup.SlashRatio? SlashRatio { get; init; }
    }

    [ExternallyTagged]
    public abstract record Execute
    {
        private Execute() { }

        /// <summary>Contract: only the lockup, after recording the claim. Sends Stake; the stake counts on the success ack.</summary>
        public sealed record ReceiveClaim(string Owner, Amount Amount, string Validator) : Execute;

        /// <summary>Takes the amount out of the sender's active stake at once and sends Unstake.</summary>
        public sealed record Unstake(Amount Amount, string Validator) : Execute;

        /// <summary>Hands the sender's matured unbonding claims back to the lockup (D1).</summary>
        public sealed record Unbond : Execute;

        /// <summary>
        /// Contract: only the slasher. 0 &lt; percentage ≤ 1. <paramref name="InfractionTime"/>: unbonding claims the
        /// consumer let go at or after it are slashed too (B12); when absent, none are. In-flight unstakes always are.
        /// </summary>
        public sealed record Slash(string Validator, Dec Percentage, bool ForceUnbond, Timestamp? InfractionTime = null) : Execute;

        /// <summary>Contract: only the lockup, after it cut this provider's claim on the owner by the amount.</summary>
        public sealed record CutStake(string Owner, Amount Amount) : Execute;

        /// <summary>Pays the sender's settled rewards on the validator in the rewards denom.</summary>
        public sealed record ClaimRewards(string Validator) : Execute;
    }

    [ExternallyTagged]
    public abstract record Query
    {
        private Query() { }

        /// <summary>Answers <see cref="ConfigResponse"/>.</summary>
        public sealed record Config : Query;

        /// <summary>Answers <see cref="AccountResponse"/>.</summary>
        public sealed record Account(string Address) : Query;

        /// <summary>
        /// Answers <see cref="ValidatorResponse"/>; fails for an unknown validator. Wire name "validator" (the C# name
        /// would clash with the Validator fields of the other cases).
        /// </summary>
        [WireName("validator")]
        public sealed record GetValidator(string Address) : Query;

        /// <summary>Answers <see cref="ListValidatorsResponse"/>: ascending, exclusive start, default 30, at most 100.</summary>
        public sealed record ListValidators(string? StartAfter = null, uint? Limit = null) : Query;

        /// <summary>Answers <see cref="StakeResponse"/>: this provider's stake on a validator as its consumer should record it.</summary>
        public sealed record Stake(string Validator) : Query;

        /// <summary>Answers <see cref="PendingRewardsResponse"/>: what claim_rewards would pay now.</summary>
        public sealed record PendingRewards(string Address, string Validator) : Query;

        /// <summary>
        /// Answers <see cref="ValidatorStateResponse"/>: the validator's state at <paramref name="Time"/> (its latest change
        /// at or before it; now when left out) and its whole history. An unknown validator has no state and no history.
        /// </summary>
        public sealed record ValidatorState(string Validator, Timestamp? Time = null) : Query;
    }

    public sealed record ConfigResponse(
        ConsumerInfo Consumer,
        Addr? Slasher,
        Addr Lockup,
        ulong UnbondingPeriod,
        string RewardsIbcDenom,
        ulong PacketLifetime,
        string? ChannelId,
        MeshProfile Profile);

    /// <summary>Seed fields: tokens = floor(multiplier × shares), slashed = locked − tokens (a slash not yet realised).</summary>
    public sealed record StakeInfo(string Validator, Amount Tokens, Amount Slashed);

    public sealed record UnbondingInfo(string Validator, Amount Amount, Timestamp ReleaseAt);

    public sealed record InFlightInfo(string Validator, Amount Amount);

    /// <summary>Stakes by validator ascending (zero entries included, as the seed); claims oldest first; in-flight packets.</summary>
    public sealed record AccountResponse(
        ImmutableArray<StakeInfo> Staked,
        ImmutableArray<UnbondingInfo> Unbonding,
        ImmutableArray<InFlightInfo> InFlightStakes,
        ImmutableArray<InFlightInfo> InFlightUnstakes);

    public sealed record ValidatorResponse(string Address, Amount Tokens, ProviderState.ValidatorStatus Status, Dec Multiplier);

    public sealed record ListValidatorsResponse(ImmutableArray<ValidatorResponse> Validators);

    /// <summary>
    /// <paramref name="Tokens"/>: the stakers' locked tokens on the validator, which the consumer's record equals once no
    /// packet is in flight; the in-flight amounts explain a difference meanwhile, and <paramref name="UndeliveredBurn"/>
    /// is burns the consumer has not applied (refused, or no channel to send them on).
    /// </summary>
    public sealed record StakeResponse(string Validator, Amount Tokens, Amount InFlightStake, Amount InFlightUnstake, Amount UndeliveredBurn);

    public sealed record PendingRewardsResponse(Amount Rewards);

    /// <summary><paramref name="State"/>: null when the provider knew nothing of the validator then (production's Unknown).</summary>
    public sealed record ValidatorStateResponse(
        string Validator, ProviderState.ValidatorStatus? State, ImmutableArray<ProviderState.StateChange> History);
}
