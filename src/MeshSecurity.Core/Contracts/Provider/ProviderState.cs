using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>
/// mesh-provider's state: immutable, every collection sorted (ordinal) or kept in the order things happened; the stakes
/// and the stakes in flight, one entry per (owner, validator), are <see cref="VersionedMap{TKey, TValue}"/>s: values like
/// the immutable maps they replaced, at one small object per write.
/// Exposure of one owner, which the lockup's claim on this provider must equal (P4): Σ locked + Σ unbonding claims +
/// Σ in-flight unstakes + Σ (in-flight stakes − their debt).
/// </summary>
public sealed record ProviderState(
    ProviderState.Settings Config,
    string? Channel,
    string? Port,
    byte ListValidatorsRetries,
    ImmutableSortedDictionary<string, ProviderState.ValidatorRecord> Validators,
    VersionedMap<ProviderState.StakeKey, ProviderState.StakeRecord> Stakes,
    ImmutableSortedDictionary<Addr, ImmutableList<ProviderState.UnbondingClaim>> Claims,
    VersionedMap<ProviderState.StakeKey, ProviderState.InFlightStake> InFlightStakes,
    ImmutableList<ProviderState.InFlightUnstake> InFlightUnstakes,
    ImmutableSortedDictionary<string, Amount> UndeliveredBurns)
{
    public static ProviderState Create(Settings config) => new(
        config, null, null, Apis.MeshProtocol.ListValidatorsMaxRetries,
        ImmutableSortedDictionary.Create<string, ValidatorRecord>(StringComparer.Ordinal),
        VersionedMap<StakeKey, StakeRecord>.Create(),
        ImmutableSortedDictionary<Addr, ImmutableList<UnbondingClaim>>.Empty,
        VersionedMap<StakeKey, InFlightStake>.Create(),
        ImmutableList<InFlightUnstake>.Empty,
        ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal));

    public sealed record Settings(
        ProviderMsg.ConsumerInfo Consumer,
        Addr? Slasher,
        Addr Lockup,
        ulong UnbondingPeriod,
        string RewardsIbcDenom,
        ulong PacketLifetime,
        string? ConsumerRewardsDenom,
        MeshProfile Profile,
        bool ReleaseInactiveUnstakes = false)
    {
        /// <summary>
        /// The ratios this provider declared to a vault lockup (null: a seed lockup). With them, its Stake acks commit or
        /// roll back the lockup's lien (the vault's transactions) instead of releasing the claim on failure only.
        /// </summary>
        public Lockup.SlashRatio? SlashRatio { get; init; }
    }

    /// <summary>Seed: Active | Removed | Tombstoned; Jailed comes with the consumer's jail updates.</summary>
    public enum ValidatorStatus
    {
        Active,
        Removed,
        Jailed,
        Tombstoned,
    }

    /// <summary>
    /// A consumer validator: total shares, the slashing multiplier (1, then × (1 − p) per slash, floored), status and the
    /// rewards accumulator (rewards per token, 18 digits). B11: a multiplier of 0 turns every conversion to 0.
    /// </summary>
    public sealed record ValidatorRecord(Amount Shares, Dec Multiplier, ValidatorStatus Status, Dec RewardsPerToken)
    {
        public static readonly ValidatorRecord New = new(Amount.Zero, Dec.One, ValidatorStatus.Active, Dec.Zero);

        /// <summary>floor(t / multiplier).</summary>
        public Amount TokensToShares(Amount tokens) => Multiplier.IsZero ? Amount.Zero : tokens.DivFloor(Multiplier);

        /// <summary>ceil(t / multiplier): the shares to take out for t tokens, so what stays is never worth more than what stays locked.</summary>
        public Amount TokensToSharesCeil(Amount tokens) =>
            Multiplier.IsZero ? Amount.Zero : new Amount(WideMath.MulDivCeil(tokens.Value, Dec.AtomicsPerUnit, Multiplier.Atomics, "tokens_to_shares"));

        /// <summary>floor(s × multiplier).</summary>
        public Amount SharesToTokens(Amount shares) => shares.MulFloor(Multiplier);

        public Amount Tokens => SharesToTokens(Shares);
    }

    public readonly record struct StakeKey(Addr Owner, string Validator) : IComparable<StakeKey>
    {
        public int CompareTo(StakeKey other) =>
            Owner.CompareTo(other.Owner) is var c and not 0 ? c : string.CompareOrdinal(Validator, other.Validator);
    }

    /// <summary>
    /// One owner's stake on one validator: locked = tokens the lockup's claim counts (and the consumer holds); shares;
    /// pending rewards and the rewards-per-token already settled.
    /// </summary>
    public sealed record StakeRecord(Amount Locked, Amount Shares, Dec Pending, Dec PaidRewardsPerToken)
    {
        public static readonly StakeRecord Empty = new(Amount.Zero, Amount.Zero, Dec.Zero, Dec.Zero);
    }

    /// <summary>
    /// An unstaked amount that returns to the lockup at <paramref name="ReleaseAt"/>. <paramref name="LeftConsumerAt"/>: when
    /// the provider learnt that the consumer no longer holds the delegation (the Unstake's ack); the consumer may have held
    /// it until then, so the claim stays slashable for infractions up to that time (see <see cref="SlashWarranty"/>).
    /// </summary>
    public sealed record UnbondingClaim(Amount Amount, Timestamp ReleaseAt, string Validator, Timestamp LeftConsumerAt);

    /// <summary>Stake packets not yet acknowledged for one (owner, validator); debt = cuts to apply at the ack.</summary>
    public sealed record InFlightStake(Amount Amount, Amount Debt);

    /// <summary>
    /// An Unstake packet not yet acknowledged: <paramref name="Sent"/> is the packet's amount; <paramref name="Amount"/>
    /// what is left of it after slashes and cuts; <paramref name="Shares"/> the shares it took out of the stake. The
    /// consumer holds the delegation until the packet arrives, so every slash of the validator reaches it meanwhile.
    /// </summary>
    public sealed record InFlightUnstake(Addr Owner, string Validator, Amount Sent, Amount Amount, Amount Shares);

    /// <summary>
    /// One change of a validator's state as this provider learnt it: at the consumer's <paramref name="Height"/> and
    /// <paramref name="Time"/> for a validator-set update; with no height, at this chain's time, for what the provider
    /// decided or learnt by itself (the validators a channel lists, a slasher's force-unbond).
    /// </summary>
    public sealed record StateChange(ulong? Height, Timestamp Time, ValidatorStatus Status);

    /// <summary>
    /// Each validator's state history, oldest first (production's CRDT per validator, docs/scenarios.md "Validator
    /// lifecycle"): never drained, since a run is far shorter than the chain's history.
    /// </summary>
    public ImmutableSortedDictionary<string, ImmutableList<StateChange>> History { get; init; } =
        ImmutableSortedDictionary.Create<string, ImmutableList<StateChange>>(StringComparer.Ordinal);

    /// <summary>Sets the validator's status and, when it changed, appends the change to its history.</summary>
    public ProviderState WithStatus(string validator, ValidatorRecord record, ValidatorStatus status, ulong? height, Timestamp time)
    {
        var changed = ValidatorOf(validator)?.Status != status || !History.ContainsKey(validator);
        var next = WithValidator(validator, record with { Status = status });
        if (!changed) return next;
        var history = History.GetValueOrDefault(validator) ?? ImmutableList<StateChange>.Empty;
        return next with { History = History.SetItem(validator, history.Add(new StateChange(height, time, status))) };
    }

    /// <summary>The validator's state at <paramref name="time"/>: its latest change at or before it; null before any.</summary>
    public ValidatorStatus? StatusAt(string validator, Timestamp time) =>
        History.GetValueOrDefault(validator)?.LastOrDefault(c => c.Time <= time)?.Status;

    public ValidatorRecord? ValidatorOf(string validator) => Validators.GetValueOrDefault(validator);

    public StakeRecord? StakeOf(StakeKey key) => Stakes.GetValueOrDefault(key);

    public ImmutableList<UnbondingClaim> ClaimsOf(Addr owner) => Claims.GetValueOrDefault(owner) ?? ImmutableList<UnbondingClaim>.Empty;

    public ProviderState WithValidator(string validator, ValidatorRecord record) => this with { Validators = Validators.SetItem(validator, record) };

    public ProviderState WithStake(StakeKey key, StakeRecord record) => this with { Stakes = Stakes.SetItem(key, record) };

    /// <summary><see cref="WithStake"/> and <see cref="WithValidator"/> (the stake's) in one record: a stake moves both.</summary>
    public ProviderState WithStake(StakeKey key, StakeRecord record, ValidatorRecord validator) =>
        this with { Stakes = Stakes.SetItem(key, record), Validators = Validators.SetItem(key.Validator, validator) };

    public ProviderState WithClaims(Addr owner, ImmutableList<UnbondingClaim> claims) =>
        this with { Claims = claims.IsEmpty ? Claims.Remove(owner) : Claims.SetItem(owner, claims) };

    public ProviderState WithInFlightStake(StakeKey key, InFlightStake record) =>
        this with { InFlightStakes = record.Amount.IsZero ? InFlightStakes.Remove(key) : InFlightStakes.SetItem(key, record) };

    /// <summary>Σ locked of the validator's stakers: what the consumer records once nothing is in flight.</summary>
    public Amount LockedOn(string validator) =>
        Stakes.Where(kv => kv.Key.Validator == validator).Aggregate(Amount.Zero, (s, kv) => s + kv.Value.Locked);
}
