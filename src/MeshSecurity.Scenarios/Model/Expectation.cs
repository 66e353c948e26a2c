using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// A value the scenario expects at an emulated time since genesis, compared exactly with <see cref="Expected"/>.
/// A closed family: the runner switches over the cases.
/// </summary>
public abstract partial record Expectation
{
    private Expectation(Duration at, Amount expected) => (At, Expected) = (at, expected);

    /// <summary>Emulated time since genesis.</summary>
    public Duration At { get; }

    /// <summary>The exact value expected (when <see cref="Against"/> is null).</summary>
    public Amount Expected { get; }

    /// <summary>The name later expectations compare against ("id"); null when none.</summary>
    public string? Id { get; init; }

    /// <summary>A comparison with an earlier reading instead of <see cref="Expected"/>; null to compare with it.</summary>
    public Comparison? Against { get; init; }

    /// <summary>Where the expectation was written (its key is "expect[i]").</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The kind name as written in a scenario file.</summary>
    public abstract string What { get; }

    /// <summary>The account's free lockup tokens (bonded − the largest claim).</summary>
    public sealed record LockupFree(Duration At, string Chain, string Account, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "lockup-free";
    }

    /// <summary>The account's bonded lockup tokens.</summary>
    public sealed record LockupBonded(Duration At, string Chain, string Account, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "lockup-bonded";
    }

    /// <summary>The claim the provider chain's lockup holds on the account for the link's provider contract (0 when none).</summary>
    public sealed record Claim(Duration At, string Account, string Provider, string Consumer, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "claim";
    }

    /// <summary>The link's provider contract's stake on a consumer validator (its stakers' locked tokens).</summary>
    public sealed record ProviderStake(Duration At, string Provider, string Consumer, string Validator, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "provider-stake";
    }

    /// <summary>The link's consumer contract's remote stake record on a validator, in provider tokens.</summary>
    public sealed record ConsumerStake(Duration At, string Provider, string Consumer, string Validator, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "consumer-stake";
    }

    /// <summary>
    /// meta-staking's delegation to a validator of the consumer chain: for one link's consumer contract
    /// (<paramref name="Provider"/> set) or in total (null).
    /// </summary>
    public sealed record Delegation(Duration At, string Chain, string Validator, string? Provider, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "delegation";
    }

    /// <summary>The validator's consensus voting power (0 when jailed or not bonded).</summary>
    public sealed record VotingPower(Duration At, string Chain, string Validator, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "voting-power";
    }

    /// <summary>The validator's tokens in the staking module.</summary>
    public sealed record ValidatorTokens(Duration At, string Chain, string Validator, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "validator-tokens";
    }

    /// <summary>
    /// A bank balance of a denom: of an account (<paramref name="Account"/> its name), or of <see cref="Address"/> or
    /// <see cref="Contract"/> when set (then <paramref name="Account"/> is how the report names it). A denom "voucher:CHAIN"
    /// is CHAIN's bond denom as an ICS-20 voucher over the transfer channel of the link between the two chains.
    /// </summary>
    public sealed record Balance(Duration At, string Chain, string Account, string Denom, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "balance";

        /// <summary>An address given as is (any holder, contracts and module accounts included).</summary>
        public string? Address { get; init; }

        /// <summary>A contract named by role and link.</summary>
        public ContractTarget? Contract { get; init; }
    }

    /// <summary>The chain's total supply of a denom.</summary>
    public sealed record Supply(Duration At, string Chain, string Denom, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "supply";
    }

    /// <summary>A relayer counter of one of the link's channels.</summary>
    public sealed record Packets(Duration At, string Provider, string Consumer, PacketChannel Channel, PacketCounter Count, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "packets";
    }
}
