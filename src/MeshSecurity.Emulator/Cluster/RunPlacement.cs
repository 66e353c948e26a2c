using System.Collections.Immutable;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// The shard of each entity of a run: a chain is a shard of its own (named by its id); a channel ("provider-consumer/port")
/// shares its provider chain's shard name when co-located (then <see cref="MeshPlacementStrategy"/> puts both on one
/// node), or is a shard of its own when spread. Chain ids come with <see cref="Know"/>, before any channel opens.
/// </summary>
public sealed class RunPlacement(MeshPlacement placement)
{
    private ImmutableArray<string> _chainsLongestFirst = [];

    public MeshPlacement Placement { get; } = placement;

    /// <summary>The run's chains announced so far.</summary>
    public IEnumerable<string> Chains => _chainsLongestFirst.Order(StringComparer.Ordinal);

    public bool Knows(string chain) => _chainsLongestFirst.Contains(chain);

    public void Know(IEnumerable<string> chains) =>
        ImmutableInterlocked.Update(ref _chainsLongestFirst, known =>
            [.. known.Union(chains).OrderByDescending(c => c.Length).ThenBy(c => c, StringComparer.Ordinal)]);

    public string ChainShard(string chainId) => chainId;

    public string ChannelShard(string channelId)
    {
        if (Placement == MeshPlacement.Spread) return channelId;
        foreach (var chain in _chainsLongestFirst)
            if (channelId.Length > chain.Length && channelId[chain.Length] == '-' && channelId.StartsWith(chain, StringComparison.Ordinal))
                return chain;
        // a channel of chains not announced: placed by its link, consistently, but not with its provider
        var slash = channelId.LastIndexOf('/');
        return slash > 0 ? channelId[..slash] : channelId;
    }
}
