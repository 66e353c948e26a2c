using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Puts a shard on the region picked by a stable hash of its name over the regions sorted by address, so equal shard
/// names of different entity types (a chain and its co-located channels) land on one node. It never rebalances on its
/// own: a run's placement holds until a node leaves, whose shards are placed again over the regions left, or until a
/// shard is moved on purpose (<see cref="Move"/>: the shard.handoff fault), at the coordinator's next rebalance.
/// </summary>
/// <param name="self">This member's address: the coordinator's own region has a local path without one.</param>
public sealed class MeshPlacementStrategy(Address self) : IShardAllocationStrategy
{
    /// <summary>Shards to move, and the member each goes to; set from the member's actor, read by the coordinator's.</summary>
    private ImmutableDictionary<string, Address> _moves = ImmutableDictionary<string, Address>.Empty;

    /// <summary>The shard leaves its region at the next rebalance and is allocated to the member at <paramref name="to"/>.</summary>
    public void Move(string shard, Address to) => ImmutableInterlocked.AddOrUpdate(ref _moves, shard, to, (_, _) => to);

    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId,
        IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        if (_moves.TryGetValue(shardId, out var to) && currentShardAllocations.Keys.FirstOrDefault(r => AddressOf(r) == to) is { } target)
        {
            ImmutableInterlocked.TryRemove(ref _moves, shardId, out _);
            return Task.FromResult(target);
        }
        var regions = currentShardAllocations.Keys.OrderBy(r => r.Path.Address.ToString(), StringComparer.Ordinal).ToList();
        if (regions.Count == 0) return Task.FromResult(requester);
        return Task.FromResult(regions[(int)(StableHash(shardId) % (uint)regions.Count)]);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations,
        IImmutableSet<string> rebalanceInProgress)
    {
        var leaving = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var (shard, to) in _moves)
        {
            if (rebalanceInProgress.Contains(shard)) continue;
            var home = currentShardAllocations.FirstOrDefault(a => a.Value.Contains(shard)).Key;
            if (home is null) continue; // not allocated: the next allocation places it
            if (AddressOf(home) == to) ImmutableInterlocked.TryRemove(ref _moves, shard, out _);
            else leaving.Add(shard);
        }
        return Task.FromResult<IImmutableSet<string>>(leaving.ToImmutable());
    }

    private Address AddressOf(IActorRef region) => region.Path.Address.HasLocalScope ? self : region.Path.Address;

    /// <summary>FNV-1a over the UTF-8 bytes: the same in every process (string.GetHashCode is randomised per process).</summary>
    public static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s)) h = (h ^ b) * 16777619u;
        return h;
    }
}
