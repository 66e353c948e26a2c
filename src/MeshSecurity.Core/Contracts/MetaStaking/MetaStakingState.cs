using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>
/// meta-staking's storage. Immutable; maps are sorted (ordinal), so iteration is the same everywhere.
/// <see cref="Stakes"/> is keyed by (consumer, validator) and carries that pair's own reward accumulator (B5 fix: the
/// seed had one per consumer). <see cref="RewardsPerToken"/> is rpt_v, raised by floor18(reward / Σ_c delegated(c, v)).
/// Invariants: M1 total_staked ≤ available_funds; M3 Σ_v Stakes[(c, v)].Delegated = total_staked(c).
/// <see cref="Requests"/> holds what a consumer under <see cref="OverCapPolicy.Normalise"/> asked for per validator;
/// its delegations are those requests scaled to its cap (MetaStakingCap.cs). Under Fail a request is its delegation.
/// </summary>
public sealed record MetaStakingState(
    MetaStakingState.Settings Config,
    ImmutableSortedDictionary<Addr, MetaStakingState.ConsumerInfo> Consumers,
    ImmutableSortedDictionary<string, Dec> RewardsPerToken,
    ImmutableSortedDictionary<MetaStakingState.StakeKey, MetaStakingState.Stake> Stakes,
    ImmutableSortedDictionary<MetaStakingState.StakeKey, Amount> Requests)
{
    /// <summary>
    /// <paramref name="Epochs"/>: requests are batched to the epoch's end; <paramref name="LocalMinPower"/>: the share of
    /// the chain's power its native stake keeps. With either, every consumer keeps its requests in
    /// <see cref="Requests"/> (<see cref="KeepsRequests"/>), whatever its over-cap policy.
    /// </summary>
    public sealed record Settings(Addr Admin, string Denom, bool Epochs = false, Dec? LocalMinPower = null)
    {
        /// <summary>Delegations follow requests chain-wide (MetaStakingEpochs.cs) rather than packet by packet.</summary>
        public bool Managed => Epochs || LocalMinPower is not null;
    }

    /// <summary>
    /// A registered consumer: the funds governance reserved for it, how much it has delegated, its cap (none: the funds
    /// alone bound it, the seed's behaviour) and what happens past the cap.
    /// </summary>
    public sealed record ConsumerInfo(
        Amount AvailableFunds, Amount TotalStaked, CapPolicy? Cap = null, OverCapPolicy OverCap = OverCapPolicy.Fail);

    public readonly record struct StakeKey(Addr Consumer, string Validator) : IComparable<StakeKey>
    {
        public int CompareTo(StakeKey other)
        {
            var c = Consumer.CompareTo(other.Consumer);
            return c != 0 ? c : string.CompareOrdinal(Validator, other.Validator);
        }
    }

    /// <summary>One consumer's delegation on one validator and its rewards: pending (with the fraction) and rpt_v last settled at.</summary>
    public sealed record Stake(Amount Delegated, Dec Pending, Dec PaidRewardsPerToken)
    {
        public static readonly Stake None = new(Amount.Zero, Dec.Zero, Dec.Zero);

        /// <summary>pending += delegated × (rpt − paid), floored to 18 digits; paid = rpt.</summary>
        public Stake Settle(Dec rewardsPerToken) => SettledAt(rewardsPerToken, Delegated);

        /// <summary>Settled as <see cref="Settle"/>, with <paramref name="delegated"/> after: one record, not two.</summary>
        public Stake SettledAt(Dec rewardsPerToken, Amount delegated) =>
            new(delegated, Pending + (rewardsPerToken - PaidRewardsPerToken) * Delegated, rewardsPerToken);
    }

    public static MetaStakingState Create(Addr admin, string denom, bool epochs = false, Dec? localMinPower = null) => new(
        new Settings(admin, denom, epochs, localMinPower),
        ImmutableSortedDictionary<Addr, ConsumerInfo>.Empty,
        ImmutableSortedDictionary.Create<string, Dec>(StringComparer.Ordinal),
        ImmutableSortedDictionary<StakeKey, Stake>.Empty,
        ImmutableSortedDictionary<StakeKey, Amount>.Empty);

    public Dec Rpt(string validator) => RewardsPerToken.GetValueOrDefault(validator, Dec.Zero);

    public Stake? StakeOf(Addr consumer, string validator) => Stakes.GetValueOrDefault(new StakeKey(consumer, validator));

    /// <summary>Σ over consumers of their delegations on a validator: the weight rewards are shared by.</summary>
    public Amount TotalOn(string validator)
    {
        // a loop, not LINQ: called per delegation, where an iterator and a closure per call showed in the relay's profile
        var sum = Amount.Zero;
        foreach (var (key, stake) in Stakes)
            if (key.Validator == validator) sum += stake.Delegated;
        return sum;
    }

    /// <summary>Every validator any consumer has a record on, ascending.</summary>
    public IEnumerable<string> Validators =>
        Stakes.Keys.Select(k => k.Validator).Distinct().OrderBy(v => v, StringComparer.Ordinal);

    /// <summary>Whether the consumer's requests are kept apart from its delegations: under Normalise, or when managed.</summary>
    public bool KeepsRequests(Addr consumer) =>
        Config.Managed || Consumers.GetValueOrDefault(consumer)?.OverCap == OverCapPolicy.Normalise;

    /// <summary>
    /// What the consumer asked for on a validator: its request when kept (<see cref="KeepsRequests"/>), its delegation otherwise.
    /// </summary>
    public Amount RequestOf(Addr consumer, string validator) =>
        KeepsRequests(consumer)
            ? Requests.GetValueOrDefault(new StakeKey(consumer, validator), Amount.Zero)
            : StakeOf(consumer, validator)?.Delegated ?? Amount.Zero;

    /// <summary>The consumer's requests, by validator ascending.</summary>
    public IEnumerable<KeyValuePair<string, Amount>> RequestsOf(Addr consumer) =>
        Requests.Where(kv => kv.Key.Consumer == consumer).Select(kv => KeyValuePair.Create(kv.Key.Validator, kv.Value));

    public MetaStakingState WithRequest(Addr consumer, string validator, Amount amount) => this with
    {
        Requests = amount.IsZero
            ? Requests.Remove(new StakeKey(consumer, validator))
            : Requests.SetItem(new StakeKey(consumer, validator), amount),
    };

    public IEnumerable<KeyValuePair<StakeKey, Stake>> StakesOf(Addr consumer) => Stakes.Where(kv => kv.Key.Consumer == consumer);

    /// <summary>rpt_v += floor18(reward / total). Contract: total is the validator's weight before any change, non-zero.</summary>
    public MetaStakingState Credit(string validator, Amount reward, Amount total) => this with
    {
        RewardsPerToken = RewardsPerToken.SetItem(validator, Rpt(validator) + Dec.FromRatio(reward, total)),
    };

    public MetaStakingState WithStake(Addr consumer, string validator, Stake stake) =>
        this with { Stakes = Stakes.SetItem(new StakeKey(consumer, validator), stake) };

    public MetaStakingState WithConsumer(Addr consumer, ConsumerInfo info) =>
        this with { Consumers = Consumers.SetItem(consumer, info) };

    /// <summary><see cref="WithStake"/> and <see cref="WithConsumer"/> in one record (every delegation writes both).</summary>
    public MetaStakingState WithStakeOf(Addr consumer, string validator, Stake stake, ConsumerInfo info) =>
        this with { Stakes = Stakes.SetItem(new StakeKey(consumer, validator), stake), Consumers = Consumers.SetItem(consumer, info) };
}
