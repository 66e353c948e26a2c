using System.Collections.Immutable;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Epochs on a consumer chain (docs/scenarios.md "Epochs"): a chain's `epoch`, in blocks, which only a chain some link
/// has as its consumer may have (meta-staking, which batches to it, lives there).
/// </summary>
internal sealed partial class ScenarioBuilder
{
    /// <summary>The longest epoch: production's default is 1,000 blocks; a million 6 s blocks is about 69 days.</summary>
    private const long MaxEpochBlocks = 1_000_000;

    /// <summary>A chain's `epoch`: a number of blocks from 1, null when absent or wrong (reported).</summary>
    private ulong? ReadEpoch(ObjectReader r) =>
        r.Has("epoch") && r.Integer("epoch", false, 1, MaxEpochBlocks) is { } blocks ? (ulong)blocks : null;

    /// <summary>An epoch on a chain that is no link's consumer would batch nothing: refused where it is written.</summary>
    private void CheckEpochs(ImmutableArray<ScenarioChain> chains, ImmutableArray<ScenarioLink> links)
    {
        foreach (var chain in chains.Where(c => c.Epoch is not null && links.All(l => l.Consumer != c.Id)))
            ctx.Error(KeyPath.Child(chain.Location.Key, "epoch"),
                $"epoch is for a consumer chain (meta-staking batches to it), and no link has {chain.Id} as its consumer");
    }
}
