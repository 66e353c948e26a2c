using System.Text.Json.Serialization;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Chain;

/// <summary>
/// A chain's fixed parameters. Defaults follow the Cosmos SDK where it has one (5% double-sign slash,
/// 0.01% downtime slash, 21-day unbonding) and the seed's test constants elsewhere.
/// </summary>
public sealed record ChainConfig
{
    public required string ChainId { get; init; }
    public required string AddressPrefix { get; init; }
    public required string BondDenom { get; init; }

    /// <summary>Seconds between blocks, used by the coordinator and the chain actor's clock.</summary>
    public ulong BlockTimeSeconds { get; init; } = 6;

    public ulong UnbondingPeriodSeconds { get; init; } = 21 * 24 * 3600;

    /// <summary>How many validators, by tokens, are bonded (in the active set).</summary>
    public int MaxValidators { get; init; } = 100;

    /// <summary>Tokens per unit of consensus voting power (the SDK's DefaultPowerReduction is 10^6).</summary>
    public Amount PowerReduction { get; init; } = Amount.One;

    /// <summary>Bond-denom tokens minted each block and shared by bonded validators by tokens.</summary>
    public Amount BlockReward { get; init; } = Amount.Zero;

    /// <summary>
    /// An annual reward rate: each block, a bonded validator earns floor(tokens × rate × the time since the previous
    /// block / 365 days), minted (on top of <see cref="BlockReward"/>). Written only when set, so that a chain without a
    /// rate keeps the journal's chain-started.v1 record as it was, and such a record reads back as no rate.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Dec BlockRewardRate { get; init; } = Dec.Zero;

    /// <summary>
    /// Blocks per epoch on a consumer chain (0: none, the seed's behaviour). Each block whose height is a multiple of it
    /// sends the epoch hooks, at which meta-staking applies its batched requests and rebalances (docs/scenarios.md
    /// "Epochs"). Written only when set, like <see cref="BlockRewardRate"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong EpochBlocks { get; init; }

    /// <summary>
    /// The least share of the chain's bonded power its own (native) stake keeps, 0 for none (the seed's "40 % local"):
    /// meta-staking scales every provider's delegations down proportionally to keep it (docs/scenarios.md "Local
    /// minimum power"). Written only when set.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Dec LocalMinPower { get; init; } = Dec.Zero;

    /// <summary>
    /// Keeps what pruning drops (IbcState.Pruning.cs: receipts below the mark, acknowledgements of settled packets, expired
    /// consensus states; and the chain actor's headers past the unbonding period), as before pruning existed: for
    /// comparing a run with and without it. Outcomes are the same either way. Written only when set.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool KeepHistory { get; init; }

    public Dec DoubleSignSlashFraction { get; init; } = Dec.Percent(5);
    public Dec DowntimeSlashFraction { get; init; } = Dec.Permille(1) / (Amount)10;

    /// <summary>Jail time for downtime; double-sign jails forever (tombstone).</summary>
    public ulong DowntimeJailSeconds { get; init; } = 600;

    /// <summary>Genesis time of the chain.</summary>
    public Types.Timestamp GenesisTime { get; init; } = Types.Timestamp.FromSeconds(1_700_000_000);
}
