using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Epochs and a local minimum power on a consumer chain (docs/scenarios.md "Epochs", "Local minimum power"): a chain's
/// `epoch`, in blocks, and `local-min-power`, which only a chain some link has as its consumer may have (meta-staking,
/// which applies them, lives there).
/// </summary>
internal sealed partial class ScenarioBuilder
{
    /// <summary>The longest epoch: production's default is 1,000 blocks; a million 6 s blocks is about 69 days.</summary>
    private const long MaxEpochBlocks = 1_000_000;

    /// <summary>A chain's `epoch`: a number of blocks from 1, null when absent or wrong (reported).</summary>
    private ulong? ReadEpoch(ObjectReader r) =>
        r.Has("epoch") && r.Integer("epoch", false, 1, MaxEpochBlocks) is { } blocks ? (ulong)blocks : null;

    private static readonly Dictionary<string, RemarkPolicy> RemarkPolicies = new(StringComparer.Ordinal)
    {
        ["never"] = RemarkPolicy.Never,
        ["every-epoch"] = RemarkPolicy.EveryEpoch,
    };

    /// <summary>A price feed's `remark`: never (production, the default) or every-epoch.</summary>
    private RemarkPolicy? ReadRemark(ObjectReader feed) =>
        feed.Has("remark") ? feed.Choice("remark", false, RemarkPolicies, "remark policy") : RemarkPolicy.Never;

    /// <summary>
    /// A chain's `local-min-power`: a percentage above 0 and below 100, null when absent (no floor) or wrong (reported).
    /// </summary>
    private Dec? ReadLocalMinPower(ObjectReader r)
    {
        if (r.Get("local-min-power", false, "") is not { } node) return null;
        var share = Share(node, "a share of the chain's power like \"40%\"", "remote stake could then hold no power at all");
        if (share is not { IsZero: true }) return share;
        ctx.Error(node.Path, "expected a share above 0%, got 0% (leave local-min-power out for no floor)");
        return null;
    }

    /// <summary>
    /// An epoch or a local minimum power on a chain that is no link's consumer would change nothing: refused where it
    /// is written.
    /// </summary>
    private void CheckEpochs(ImmutableArray<ScenarioChain> chains, ImmutableArray<ScenarioLink> links)
    {
        // re-marking happens at an epoch's end: a consumer without epochs would never re-mark
        foreach (var link in links.Where(l => l.Price is { Remark: RemarkPolicy.EveryEpoch }))
            if (chains.FirstOrDefault(c => c.Id == link.Consumer) is { Epoch: null } consumer)
                ctx.Error(KeyPath.Child(KeyPath.Child(link.Location.Key, "price"), "remark"),
                    $"remark = every-epoch needs epochs on the consumer: give {consumer.Id} an epoch (in blocks), or use never");
        // a link that failed to parse still names its consumer (_links), so its own error is not followed by this one
        foreach (var chain in chains.Where(c => _links.Keys.All(l => l.Item2 != c.Id)))
        {
            if (chain.Epoch is not null)
                ctx.Error(KeyPath.Child(chain.Location.Key, "epoch"),
                    $"epoch is for a consumer chain (meta-staking batches to it), and no link has {chain.Id} as its consumer");
            if (chain.LocalMinPower is not null)
                ctx.Error(KeyPath.Child(chain.Location.Key, "local-min-power"),
                    "local-min-power is for a consumer chain (it bounds the providers' power), " +
                    $"and no link has {chain.Id} as its consumer");
        }
    }
}
