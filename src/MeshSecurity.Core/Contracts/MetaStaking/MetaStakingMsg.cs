using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>The messages of meta-staking (seed: meta-staking + mesh-apis StakingExecuteMsg / StakingSudoMsg) and its query answers.</summary>
public static class MetaStakingMsg
{
    /// <summary>
    /// The sender becomes the admin; the denom is the chain's bond denom. With <paramref name="Epochs"/> (the chain has
    /// epochs) every consumer's requests are batched and applied at each epoch's end (docs/scenarios.md "Epochs"). With
    /// <paramref name="LocalMinPower"/> (above 0, below 1) every consumer's delegations are scaled down together so that
    /// the chain's native stake keeps at least that share of its bonded power (<see cref="LocalPowerRule"/>).
    /// </summary>
    public sealed record Instantiate(bool? Epochs = null, Dec? LocalMinPower = null);

    [ExternallyTagged]
    public abstract record Execute
    {
        private Execute() { }

        /// <summary>Delegates <paramref name="Amount"/> local tokens for the sending consumer. Contract: only registered consumers.</summary>
        public sealed record Delegate(string Validator, Amount Amount) : Execute;

        /// <summary>Undelegates <paramref name="Amount"/> of the sending consumer's delegation.</summary>
        public sealed record Undelegate(string Validator, Amount Amount) : Execute;

        /// <summary>Anyone: pulls this contract's rewards on a validator and credits them to the consumers delegating there.</summary>
        public sealed record WithdrawDelegatorReward(string Validator) : Execute;

        /// <summary>Anyone: pays a consumer's whole pending rewards on a validator to it. The seed's wire name keeps its typo.</summary>
        [WireName("withdraw_to_costumer")]
        public sealed record WithdrawToCustomer(string Consumer, string Validator) : Execute;

        /// <summary>
        /// Anyone: re-evaluates a Normalise consumer's cap now (a fraction cap moves with the chain's bonded stake) and
        /// moves its delegations to its scaled requests. A Fail consumer's delegations never move.
        /// </summary>
        public sealed record Rebalance(string Consumer) : Execute;

        /// <summary>The admin's way to run a <see cref="Sudo"/> message: <c>{"sudo":{"add_consumer":{...}}}</c>, as the seed.</summary>
        [WireName("sudo")]
        [JsonConverter(typeof(AdminSudoConverter))]
        public sealed record AdminSudo(Sudo Msg) : Execute;
    }

    /// <summary>Sent by governance through the sudo entry point, or by the admin through <see cref="Execute.AdminSudo"/>.</summary>
    [ExternallyTagged]
    public abstract record Sudo
    {
        private Sudo() { }

        /// <summary>
        /// Registers a consumer contract that may delegate up to <paramref name="FundsAvailableForStaking"/> (bond denom)
        /// and, when given, up to its <paramref name="Cap"/>, handled past it by <paramref name="OverCap"/> (default fail).
        /// </summary>
        public sealed record AddConsumer(
            string ConsumerAddress, Coin FundsAvailableForStaking, CapPolicy? Cap = null, OverCapPolicy? OverCap = null) : Sudo;

        /// <summary>
        /// Governance changes a consumer's cap. A zero cap evicts it: every delegation is undelegated and the consumer
        /// contract is told to send its stake back to the provider (released at once there). Otherwise a Normalise
        /// consumer is rebalanced to the new cap; a Fail consumer keeps what it has and is refused new stake past it.
        /// </summary>
        public sealed record SetCap(string ConsumerAddress, CapPolicy Cap) : Sudo;

        /// <summary>Unregisters a consumer: its delegations are undelegated and its unpaid rewards stay in the contract.</summary>
        public sealed record RemoveConsumer(string ConsumerAddress) : Sudo;
    }

    [ExternallyTagged]
    public abstract record Query
    {
        private Query() { }

        /// <summary>Answers <see cref="AllDelegationsResponse"/>.</summary>
        public sealed record AllDelegations(string Consumer) : Query;

        /// <summary>Answers <see cref="ConsumerResponse"/>; NoConsumer when unknown. (Named apart from the fields called Consumer.)</summary>
        [WireName("consumer")]
        public sealed record ConsumerInfo(string Address) : Query;

        /// <summary>Answers the consumer addresses ascending after <paramref name="Start"/> (exclusive), at most <paramref name="Limit"/> (100).</summary>
        public sealed record Consumers(string? Start = null, uint? Limit = null) : Query;

        /// <summary>Answers the consumer's delegation (an <see cref="Amount"/>), zero when none.</summary>
        public sealed record Delegation(string Consumer, string Validator) : Query;

        /// <summary>
        /// Answers what the consumer asked for on the validator (an <see cref="Amount"/>): above its delegation when normalised.
        /// </summary>
        public sealed record Request(string Consumer, string Validator) : Query;

        /// <summary>Answers the validators the consumer has records on, ascending after <paramref name="Start"/>, at most <paramref name="Limit"/> (100).</summary>
        public sealed record AllValidators(string Consumer, string? Start = null, uint? Limit = null) : Query;
    }

    public sealed record DelegationResponse(string Validator, Amount Delegation);

    public sealed record AllDelegationsResponse(ImmutableArray<DelegationResponse> Delegations);

    /// <summary>A consumer's rewards on one validator: <paramref name="Pending"/> as if settled now.</summary>
    public sealed record ValidatorRewardsResponse(string Validator, Dec Pending, Dec PaidRewardsPerToken);

    /// <summary>
    /// A consumer's funds, delegations and rewards; its cap, the limit the cap gives now and its over-cap policy only when
    /// a cap was set (normalise only when chosen), so a consumer without one reads as in the seed.
    /// </summary>
    public sealed record ConsumerResponse(
        Amount AvailableFunds, Amount TotalStaked, ImmutableArray<ValidatorRewardsResponse> Rewards,
        CapPolicy? Cap = null, Amount? Limit = null, OverCapPolicy? OverCap = null);

    /// <summary>serde's newtype variant: the admin sudo case is written as the sudo message itself.</summary>
    private sealed class AdminSudoConverter : JsonConverter<Execute.AdminSudo>
    {
        public override Execute.AdminSudo Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<Sudo>(ref reader, options) ?? throw new JsonException("expected a sudo message"));

        public override void Write(Utf8JsonWriter writer, Execute.AdminSudo value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Msg, options);
    }
}
