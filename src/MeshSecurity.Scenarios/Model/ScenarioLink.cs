using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// A provider chain lending security to a consumer chain: the provider-to-consumer token exchange rate, the consumer
/// tokens governance gives meta-staking for this link, the packet lifetime, the channel ordering (the mesh contracts
/// refuse ordered channels, so <see cref="IbcOrder.Ordered"/> scenarios show a refused handshake), the relayer and the
/// contracts' behaviour profile.
/// </summary>
public sealed record ScenarioLink(
    string Provider,
    string Consumer,
    Dec ExchangeRate,
    Amount StakingFunds,
    Duration PacketLifetime,
    IbcOrder Ordering,
    RelayerSettings Relayer,
    LinkProfile Profile)
{
    public static readonly Duration DefaultPacketLifetime = Duration.FromHours(1);

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>
    /// The fraction the link's mesh-slasher slashes for double-sign evidence (0 &lt; f ≤ 1), independent of the
    /// consumer chain's own <see cref="ScenarioChain.DoubleSignSlash"/>.
    /// </summary>
    public Dec SlashFraction { get; init; } = SlasherContract.DefaultDoubleSignFraction;

    /// <summary>The consumer's cap on meta-staking (none: the staking funds alone bound it, as in the seed).</summary>
    public CapPolicy? Cap { get; init; }

    /// <summary>What meta-staking does with stake past the cap.</summary>
    public OverCapPolicy OverCap { get; init; } = OverCapPolicy.Fail;

    /// <summary>When an unstake from a validator the provider knows as removed or tombstoned matures.</summary>
    public InactiveUnstake InactiveUnstake { get; init; } = InactiveUnstake.AfterUnbonding;

    /// <summary>A price feed in place of the fixed <see cref="ExchangeRate"/> (which then holds the path's first price, unused).</summary>
    public PriceFeedSpec? Price { get; init; }

    /// <summary>The ratios the provider contract declares to a vault lockup (null when its provider chain uses the seed's rule).</summary>
    public Core.Contracts.Lockup.SlashRatio? SlashRatio { get; init; }

    public override string ToString() => $"{Provider} -> {Consumer}";
}
