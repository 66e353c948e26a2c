using System.Collections.Immutable;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// mesh-consumer's storage. Immutable; maps are sorted (ordinal), so iteration is the same everywhere.
/// <see cref="RemoteStakes"/> is this provider's stake per validator in provider tokens (B9: the local delegation is
/// always floor(remote × rate), never a sum of per-packet floors). <see cref="UndeliveredRewards"/> holds reward coins
/// whose packet failed (B8). <see cref="ResentValsetUpdates"/> holds the UpdateValidators packets (base64 of their
/// data) already resent once, so a second failure drops them.
/// <para>
/// The ICS-20 side of rewards: <see cref="PendingTransfers"/> holds each transfer of rewards sent after a Rewards ack
/// and not yet settled, by its packet sequence on the configured ICS-20 channel; <see cref="RefundedRewards"/> holds
/// coins whose transfer failed or timed out and came back. The provider already credited those, so they must not
/// ride in a Rewards packet again (it would credit them twice): they join the ICS-20 transfer after the validator's
/// next acknowledged Rewards packet. <see cref="SendingTransfer"/> is the transfer the current call dispatched, kept
/// only until the reply hands over its sequence (CosmWasm's reply-context item); it is null between transactions.
/// </para>
/// <para>
/// <see cref="Price"/> and <see cref="Bonded"/> serve a price feed (<see cref="Settings.Feed"/>): the latest price, and
/// per validator the consumer tokens its packets asked meta-staking to delegate (each valued at its own price).
/// <see cref="Rises"/>: the rises of the latest re-marking (ConsumerRemark.cs), kept until the next.
/// <see cref="Evicted"/>: per validator, the provider tokens a zero cap sent back (InternalUnstake) that Unstake
/// packets already in flight may still name: they are acknowledged from it, as the stake is gone already.
/// </para>
/// </summary>
public sealed record ConsumerState(
    ConsumerState.Settings Config,
    string? Channel,
    ImmutableSortedDictionary<string, Amount> RemoteStakes,
    ImmutableSortedDictionary<string, Coins> UndeliveredRewards,
    ImmutableSortedSet<string> ResentValsetUpdates,
    ImmutableSortedDictionary<ulong, ConsumerState.RewardsTransfer> PendingTransfers,
    ImmutableSortedDictionary<string, Coins> RefundedRewards,
    ConsumerState.RewardsTransfer? SendingTransfer,
    ImmutableSortedDictionary<string, Amount> Evicted,
    ConsumerState.PriceReading? Price,
    ImmutableSortedDictionary<string, Amount> Bonded,
    ImmutableSortedDictionary<ulong, ConsumerState.RemarkRise>? Rises = null)
{
    /// <summary>A rise the latest re-marking asked meta-staking for, by its sub-message id: undone if refused.</summary>
    public sealed record RemarkRise(string Validator, Amount Amount);

    /// <summary>The latest price the feed's oracle published (consumer tokens per provider token) and when.</summary>
    public sealed record PriceReading(Dec Price, Timestamp PublishedAt);

    /// <summary>An ICS-20 transfer of a validator's rewards to the provider address.</summary>
    public sealed record RewardsTransfer(string Validator, Coin Amount);

    public sealed record Settings(
        ConsumerMsg.ProviderInfo Provider,
        Dec Rate,
        Addr MetaStaking,
        string Ics20Channel,
        string ProviderAddress,
        ulong PacketLifetime,
        ConsumerMsg.PriceFeed? Feed = null);

    public static ConsumerState Create(Settings config) => new(
        config,
        null,
        ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, Coins>(StringComparer.Ordinal),
        ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
        ImmutableSortedDictionary<ulong, RewardsTransfer>.Empty,
        ImmutableSortedDictionary.Create<string, Coins>(StringComparer.Ordinal),
        null,
        ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal),
        null,
        ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal));

    public Amount RemoteStake(string validator) => RemoteStakes.GetValueOrDefault(validator, Amount.Zero);

    /// <summary>What meta-staking must hold for this provider on a validator at the fixed rate: floor(remote × rate).</summary>
    public Amount LocalOf(Amount remote) => remote.MulFloor(Config.Rate);

    /// <summary>What meta-staking was asked to hold on a validator: by the fixed rate, or what the feed's packets added up to.</summary>
    public Amount LocalOn(string validator) =>
        Config.Feed is null ? LocalOf(RemoteStake(validator)) : Bonded.GetValueOrDefault(validator, Amount.Zero);

    public ConsumerState WithBonded(string validator, Amount amount) => this with
    {
        Bonded = amount.IsZero ? Bonded.Remove(validator) : Bonded.SetItem(validator, amount),
    };

    /// <summary>Sets a validator's remote stake; a zero stake drops the record.</summary>
    public ConsumerState WithRemoteStake(string validator, Amount amount) => this with
    {
        RemoteStakes = amount.IsZero ? RemoteStakes.Remove(validator) : RemoteStakes.SetItem(validator, amount),
    };

    public Amount EvictedOn(string validator) => Evicted.GetValueOrDefault(validator, Amount.Zero);

    public ConsumerState WithEvicted(string validator, Amount amount) => this with
    {
        Evicted = amount.IsZero ? Evicted.Remove(validator) : Evicted.SetItem(validator, amount),
    };

    public Coins Undelivered(string validator) => UndeliveredRewards.GetValueOrDefault(validator, Coins.Empty);

    public ConsumerState WithUndelivered(string validator, Coins coins) => this with
    {
        UndeliveredRewards = coins.IsEmpty ? UndeliveredRewards.Remove(validator) : UndeliveredRewards.SetItem(validator, coins),
    };

    public Coins Refunded(string validator) => RefundedRewards.GetValueOrDefault(validator, Coins.Empty);

    public ConsumerState WithRefunded(string validator, Coins coins) => this with
    {
        RefundedRewards = coins.IsEmpty ? RefundedRewards.Remove(validator) : RefundedRewards.SetItem(validator, coins),
    };

    public IbcTimeout PacketTimeout(Env env) => IbcTimeout.AtTime(env.Time.PlusSeconds(Config.PacketLifetime));
}
