using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// One action of a scenario at an emulated time since genesis. A closed family: the runner switches over the cases.
/// Names are the scenario's names (chain ids, account and validator names), already checked against the scenario.
/// </summary>
public abstract partial record ScenarioStep
{
    private ScenarioStep(Duration at) => At = at;

    /// <summary>Emulated time since genesis.</summary>
    public Duration At { get; }

    /// <summary>Where the step was written (its key is "steps[i]" with i its index in the file).</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The action name as written in a scenario file.</summary>
    public abstract string Action { get; }

    /// <summary>The error the step must fail with; null when it must succeed.</summary>
    public ErrorExpectation? ExpectError { get; init; }

    /// <summary>Events the step's transactions must emit (none checked when empty).</summary>
    public System.Collections.Immutable.ImmutableArray<EventExpectation> ExpectEvents { get; init; } = [];

    /// <summary>Locks tokens of the chain's bond denom in the chain's mesh-lockup.</summary>
    public sealed record Bond(Duration At, string Chain, string Account, Amount Amount) : ScenarioStep(At)
    {
        public override string Action => "bond";
    }

    /// <summary>Withdraws free tokens from the chain's mesh-lockup.</summary>
    public sealed record Unbond(Duration At, string Chain, string Account, Amount Amount) : ScenarioStep(At)
    {
        public override string Action => "unbond";
    }

    /// <summary>Grants the link's provider contract a claim on the account's lockup, staked to a consumer validator.</summary>
    public sealed record CrossStake(Duration At, string Account, string Provider, string Consumer, string Validator, Amount Amount) : ScenarioStep(At)
    {
        public override string Action => "cross-stake";
    }

    /// <summary>Unstakes from the link's provider contract; the claim matures after the provider's unbonding period.</summary>
    public sealed record Unstake(Duration At, string Account, string Provider, string Consumer, string Validator, Amount Amount) : ScenarioStep(At)
    {
        public override string Action => "unstake";
    }

    /// <summary>The provider's unbond: hands the account's matured claims back to the lockup.</summary>
    public sealed record UnbondClaims(Duration At, string Account, string Provider, string Consumer) : ScenarioStep(At)
    {
        public override string Action => "unbond-claims";
    }

    /// <summary>
    /// meta-staking's withdraw_delegator_reward then withdraw_to_costumer for a validator of the consumer chain: for one
    /// link (<paramref name="Provider"/> set) or for every link into <paramref name="ConsumerChain"/> (null).
    /// </summary>
    public sealed record WithdrawRewards(Duration At, string ConsumerChain, string? Provider, string Validator) : ScenarioStep(At)
    {
        public override string Action => "withdraw-rewards";
    }

    /// <summary>The provider's claim_rewards: pays the account's rewards on a consumer validator.</summary>
    public sealed record ClaimRewards(Duration At, string Account, string Provider, string Consumer, string Validator) : ScenarioStep(At)
    {
        public override string Action => "claim-rewards";
    }

    /// <summary>Delegates bonded lockup tokens to a validator of the lockup's own chain.</summary>
    public sealed record LocalStake(Duration At, string Chain, string Account, string Validator, Amount Amount) : ScenarioStep(At)
    {
        public override string Action => "local-stake";
    }

    /// <summary>The validator signs two blocks at one height; the evidence goes to <paramref name="SubmitTo"/>.</summary>
    public sealed record DoubleSign(Duration At, string Chain, string Validator, EvidenceTargets SubmitTo) : ScenarioStep(At)
    {
        public override string Action => "double-sign";
    }

    /// <summary>Pauses the link's relayer (both of its channels).</summary>
    public sealed record RelayerStop(Duration At, string Provider, string Consumer) : ScenarioStep(At)
    {
        public override string Action => "relayer-stop";
    }

    /// <summary>Resumes the link's relayer.</summary>
    public sealed record RelayerStart(Duration At, string Provider, string Consumer) : ScenarioStep(At)
    {
        public override string Action => "relayer-start";
    }

    /// <summary>
    /// Fault injection: the chain's actor crashes, as a bug would, and rebuilds itself from its latest snapshot and its
    /// journal; the history is the same as without it.
    /// </summary>
    public sealed record CrashChain(Duration At, string Chain) : ScenarioStep(At)
    {
        public override string Action => "crash-chain";
    }

    /// <summary>Does nothing: a marker that lets time pass to that point.</summary>
    public sealed record Advance(Duration At) : ScenarioStep(At)
    {
        public override string Action => "advance";
    }

    /// <summary>A bank transfer between two accounts of a chain.</summary>
    public sealed record Send(Duration At, string Chain, string From, string To, Coin Amount) : ScenarioStep(At)
    {
        public override string Action => "send";
    }
}
