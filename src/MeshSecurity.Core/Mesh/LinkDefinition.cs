using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Relaying;

namespace MeshSecurity.Core.Mesh;

/// <summary>
/// A provider chain lending security to a consumer chain: the exchange rate of provider to consumer tokens, the
/// consumer tokens governance gives meta-staking for this link, the packet lifetime, the relayers' behaviour, and the
/// mesh channel's ordering (the contracts accept only unordered: ordered shows a refused handshake), and the fraction
/// the link's mesh-slasher slashes for double-sign evidence (the slasher's default, 5 %, when null), and the consumer's
/// cap on meta-staking with its over-cap policy (none and fail when null: the seed's behaviour), and a price feed that
/// replaces the exchange rate (none when null), and whether an unstake from a removed or tombstoned validator is released
/// at once (production) rather than after the unbonding period (the seed, when null).
/// </summary>
public sealed record LinkDefinition(
    string ProviderChain,
    string ConsumerChain,
    Dec ExchangeRate,
    Amount StakingFunds,
    ulong? PacketLifetimeSeconds = null,
    LatencyModel? Latency = null,
    int BatchSize = 30,
    MeshProfile? Profile = null,
    IbcOrder MeshOrder = IbcOrder.Unordered,
    Dec? SlashFraction = null,
    CapPolicy? Cap = null,
    OverCapPolicy? OverCap = null,
    ConsumerMsg.PriceFeed? PriceFeed = null,
    bool? ReleaseInactiveUnstakes = null)
{
    /// <summary>The provider chain's lockup rule (the first link of a provider sets it, like the profile); null: the seed's.</summary>
    public CollateralPolicy? Collateral { get; init; }

    /// <summary>The ratios the provider contract declares to a vault lockup; null under the seed's rule.</summary>
    public SlashRatio? SlashRatio { get; init; }

    /// <summary>The max clock drift of the light clients the link's relayer creates; null: the relayer's default.</summary>
    public ulong? MaxClockDriftSeconds { get; init; }
}
