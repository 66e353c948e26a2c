using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// The messages of mesh-consumer (seed: mesh-consumer + mesh-apis ConsumerExecuteMsg) and its query answers.
/// Its sudo messages are the chain's <see cref="Apis.ChainHook"/>s and the transfer module's
/// <see cref="Apis.TransferLifecycle"/> callbacks; its packets are <see cref="Apis.ProviderPacket"/> in and
/// <see cref="Apis.ConsumerPacket"/> out.
/// </summary>
public static class ConsumerMsg
{
    /// <summary>The provider contract this consumer trusts: its port on the provider chain and this chain's connection to it.</summary>
    public sealed record ProviderInfo(string PortId, string ConnectionId);

    /// <summary>
    /// Sent by governance (or the deployer). <paramref name="ProviderAddress"/> is the ICS-20 recipient of rewards on the
    /// provider chain; when absent it is the provider port id after its last '.', as the seed derives it.
    /// </summary>
    public sealed record Instantiate(
        ProviderInfo Provider,
        Dec RemoteToLocalExchangeRate,
        string MetaStakingContractAddress,
        string Ics20Channel,
        ulong? PacketLifetime = null,
        string? ProviderAddress = null,
        PriceFeed? PriceFeed = null);

    /// <summary>
    /// Production's price feed in place of the seed's fixed rate: <paramref name="Oracle"/> publishes the price
    /// (update_price), each stake packet is valued at the latest one, discounted by <paramref name="Discount"/> (below 1),
    /// and a price <paramref name="Ttl"/> seconds old or older is outdated (the packet fails). The rate is then unused.
    /// With <paramref name="Remark"/> the stake is re-valued at the latest price at each epoch's end (ConsumerRemark.cs).
    /// </summary>
    public sealed record PriceFeed(Dec Discount, ulong Ttl, string Oracle, bool? Remark = null);

    [ExternallyTagged]
    public abstract record Execute
    {
        private Execute() { }

        /// <summary>
        /// Rewards of this provider's delegations on <paramref name="Validator"/>, with the tokens attached (exactly one coin
        /// of the bond denom). Contract: only meta-staking calls it (withdraw_to_costumer). The seed's wire name keeps its typo.
        /// </summary>
        [WireName("mesh_consumer_recieve_rewards_msg")]
        public sealed record ReceiveRewards(string Validator) : Execute;

        /// <summary>
        /// Contract: only meta-staking, which has just undelegated all of this provider's stake (a zero cap). Sends the
        /// provider an InternalUnstake per validator and clears the records (needs the channel: NoChannel otherwise).
        /// </summary>
        public sealed record Evict : Execute;

        /// <summary>Contract: only the price feed's oracle. Publishes the price of a provider token in consumer tokens, now.</summary>
        public sealed record UpdatePrice(Dec Price) : Execute;
    }

    [ExternallyTagged]
    public abstract record Query
    {
        private Query() { }

        /// <summary>Answers <see cref="ConfigResponse"/>.</summary>
        public sealed record Config : Query;

        /// <summary>Answers <see cref="RemoteStakeResponse"/>; zero for a validator with no record.</summary>
        public sealed record RemoteStake(string Validator) : Query;

        /// <summary>Answers <see cref="AllRemoteStakesResponse"/>, by validator ascending.</summary>
        public sealed record AllRemoteStakes : Query;

        /// <summary>Answers <see cref="ChannelResponse"/>.</summary>
        public sealed record Channel : Query;

        /// <summary>Answers <see cref="UndeliveredRewardsResponse"/>: rewards whose packet failed, kept for the next one (B8).</summary>
        public sealed record UndeliveredRewards : Query;

        /// <summary>
        /// Answers <see cref="RewardsTransfersResponse"/>: the ICS-20 transfers of acknowledged rewards not yet settled,
        /// and the coins of transfers that came back (refused or timed out), which the provider already credited and
        /// which go out with the transfer after the validator's next acknowledged Rewards packet.
        /// </summary>
        public sealed record RewardsTransfers : Query;
    }

    public sealed record ConfigResponse(
        ProviderInfo Provider,
        Dec RemoteToLocalExchangeRate,
        Addr MetaStakingContractAddress,
        string Ics20Channel,
        string ProviderAddress,
        ulong PacketLifetime,
        PriceFeed? PriceFeed = null);

    /// <summary>
    /// <paramref name="Amount"/> in provider tokens; <paramref name="LocalAmount"/> what meta-staking was asked to delegate:
    /// floor(amount × rate), or under a price feed the sum of each packet's normalised amount (never re-marked).
    /// </summary>
    public sealed record RemoteStakeResponse(string Validator, Amount Amount, Amount LocalAmount);

    public sealed record AllRemoteStakesResponse(ImmutableArray<RemoteStakeResponse> Stakes);

    /// <summary>The bound channel id on this chain, or null before connect and after close.</summary>
    public sealed record ChannelResponse(string? ChannelId);

    public sealed record UndeliveredReward(string Validator, Coins Amount);

    public sealed record UndeliveredRewardsResponse(ImmutableArray<UndeliveredReward> Rewards);

    /// <summary>A transfer in flight: its packet sequence on the configured ICS-20 channel, the validator and the coin.</summary>
    public sealed record PendingTransfer(ulong Sequence, string Validator, Coin Amount);

    /// <summary><paramref name="Pending"/> by sequence ascending; <paramref name="Refunded"/> by validator ascending.</summary>
    public sealed record RewardsTransfersResponse(ImmutableArray<PendingTransfer> Pending, ImmutableArray<UndeliveredReward> Refunded);
}
