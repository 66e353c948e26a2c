using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// A chain at genesis: its id, bech32 prefix and bond denom, block rhythm (block time and a jitter fraction of it),
/// staking parameters, validators and named accounts.
/// </summary>
public sealed record ScenarioChain(
    string Id,
    string Prefix,
    string Denom,
    Duration BlockTime,
    Dec BlockTimeJitter,
    Duration UnbondingPeriod,
    int MaxValidators,
    Amount RewardPerBlock,
    Dec DoubleSignSlash,
    Amount PowerReduction,
    ImmutableArray<ScenarioValidator> Validators,
    ImmutableArray<ScenarioAccount> Accounts)
{
    public static readonly Duration DefaultBlockTime = Duration.FromSeconds(6);
    public static readonly Duration DefaultUnbondingPeriod = Duration.FromDays(21);
    public const int DefaultMaxValidators = 100;
    public static readonly Dec DefaultDoubleSignSlash = Dec.Percent(5);

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>
    /// An annual reward rate (0 to 10): each block, a bonded validator earns floor(tokens × rate × the time since the
    /// previous block / 365 days), on top of <see cref="RewardPerBlock"/>.
    /// </summary>
    public Dec RewardRate { get; init; } = Dec.Zero;

    /// <summary>
    /// How the chain's lockup counts collateral when the chain provides to consumers (docs/scenarios.md "Collateral"):
    /// the seed's rule, or production's vault with the ratios of local staking.
    /// </summary>
    public Core.Contracts.Lockup.CollateralPolicy Collateral { get; init; } = Core.Contracts.Lockup.CollateralPolicy.SeedRule;

    /// <summary>
    /// Blocks per epoch on a consumer chain (none: the seed's behaviour, caps evaluated at every change): meta-staking
    /// batches requests and rebalances at each epoch's end (docs/scenarios.md "Epochs").
    /// </summary>
    public ulong? Epoch { get; init; }

    /// <summary>
    /// The least share of the chain's power its native stake keeps (none: no floor): meta-staking scales every provider's
    /// delegations down together to keep it (docs/scenarios.md "Local minimum power").
    /// </summary>
    public Dec? LocalMinPower { get; init; }

    public ScenarioValidator? Validator(string name) => Validators.FirstOrDefault(v => v.Name == name);

    public ScenarioAccount? Account(string name) => Accounts.FirstOrDefault(a => a.Name == name);
}
