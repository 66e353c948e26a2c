using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Puts a shard on the region picked by a stable hash of its name over the regions sorted by address, so equal shard
/// names of different entity types (a chain and its co-located channels) land on one node, and every member computes
/// the same placement. It never rebalances: a run's placement holds until a node leaves, whose shards are placed again
/// over the regions left.
/// </summary>
public sealed class MeshPlacementStrategy : IShardAllocationStrategy
{
    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId,
        IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        var regions = currentShardAllocations.Keys.OrderBy(r => r.Path.Address.ToString(), StringComparer.Ordinal).ToList();
        if (regions.Count == 0) return Task.FromResult(requester);
        return Task.FromResult(regions[(int)(StableHash(shardId) % (uint)regions.Count)]);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations,
        IImmutableSet<string> rebalanceInProgress) => Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);

    /// <summary>FNV-1a over the UTF-8 bytes: the same in every process (string.GetHashCode is randomised per process).</summary>
    public static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s)) h = (h ^ b) * 16777619u;
        return h;
    }
}
