using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// shard.handoff on a cluster: a chain's shard moves to another member while the run goes on, from whichever process
/// asks (a member's control API, <see cref="MeshNode"/>, or the driver of a run at a step's time). The run's clock is held
/// between windows first, so every chain has sealed and journaled its window and no relayer is talking to it; every
/// member's chain placement is told where the shard goes (the shard coordinator may be on any of them); at the
/// coordinator's next rebalance the shard hands the chain off (it journals what it took in since its last block and stops,
/// <see cref="Chains.HandOffChain"/>), and the chain's next message starts it on the new member, which rebuilds it from its
/// snapshot and journal. Then the clock goes on. Emulated time does not move meanwhile, so the history is unchanged.
/// </summary>
public static class ShardMove
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(35);

    private const string Fault = "shard.handoff";

    /// <summary>
    /// Moves <paramref name="chain"/> (in <paramref name="shard"/> of the run's chain region <paramref name="chains"/>) to
    /// <paramref name="member"/> (an address or host:port), or when null to the next member hosting the run's chains in
    /// address order after its current one (the first after the last). Answer: <see cref="ChaosReply.Done"/> with targets
    /// [chain, "from -> to"], or <see cref="ChaosReply.Refused"/> saying why nothing moved.
    /// </summary>
    public static async Task<ChaosReply> RunAsync(ActorSystem system, IActorRef clock, IActorRef chains, RunSpec run, string shard,
        string chain, string? member)
    {
        var hold = new ClockCommand.Hold($"{Fault} {chain} {Guid.NewGuid():N}");
        await clock.Ask<ClockStatus>(hold, Timeout);
        try
        {
            var from = await HomeOf(chains, shard);
            if (from is null) return new ChaosReply.Refused($"{Fault}: chain {chain} is not placed on any member yet");
            var regions = await RegionsOf(chains);
            var others = regions.Where(a => a != from).ToList();
            var to = member is null
                ? others.FirstOrDefault(a => string.CompareOrdinal(a.ToString(), from.ToString()) > 0) ?? others.FirstOrDefault()
                : others.FirstOrDefault(a => a.ToString() == member || $"{a.Host}:{a.Port}" == member);
            if (to is null)
                return new ChaosReply.Refused(member is null
                    ? $"{Fault}: {chain} is on {from}, and no other member hosts the run's chains"
                    : $"{Fault}: no other member '{member}' hosts the run's chains (it is on {from}; others: " +
                      $"{(others.Count == 0 ? "none" : string.Join(", ", others))})");
            if (await DifferentJournals(system, run, from, to) is { } apart) return new ChaosReply.Refused($"{Fault}: {apart}");
            var cluster = Akka.Cluster.Cluster.Get(system);
            var members = cluster.State.Members.Where(m => m.HasRole(Hosting.NodeSettings.MeshRole)).Select(m => m.Address);
            await Task.WhenAll(members.Select(a => system.ActorSelection(new RootActorPath(a) / "user" / MeshNode.Name)
                .Ask<MeshNodeReply.MoveNoted>(new MeshNodeCommand.MoveShard(run.Instance, shard, to.ToString()), Timeout)));
            var deadline = DateTime.UtcNow + Timeout;
            while (await HomeOf(chains, shard) != to)
            {
                if (DateTime.UtcNow > deadline)
                    return new ChaosReply.Refused($"{Fault}: {chain} did not reach {to} within {Timeout.TotalSeconds:0} s");
                await Task.Delay(200);
            }
            // the chain starts on its new member at its next message: this one, so that the move is complete when answered
            await chains.Ask<Chains.ChainReply>(new Chains.ChainCommand.GetState(chain), Timeout);
            return new ChaosReply.Done(run.RunId, Fault, [chain, $"{from} -> {to}"]);
        }
        finally
        {
            clock.Tell(new ClockCommand.Release(hold.Id));
        }
    }

    /// <summary>
    /// Why a chain cannot move from <paramref name="from"/> to <paramref name="to"/>: they journal apart (each to its own
    /// SQLite file, or in memory), so the chain would start on <paramref name="to"/> without its history; null when they share one.
    /// </summary>
    internal static async Task<string?> DifferentJournals(ActorSystem system, RunSpec run, Address from, Address to)
    {
        var ask = new MeshNodeCommand.DescribeJournal(run.Instance);
        var journals = await Task.WhenAll(new[] { from, to }.Select(a =>
            system.ActorSelection(new RootActorPath(a) / "user" / MeshNode.Name).Ask<MeshNodeReply.JournalIs>(ask, Timeout)));
        var (a, b) = (journals[0].Journal, journals[1].Journal);
        return a == b && a != JournalIdentity.Memory ? null
            : $"{from} journals to {a} and {to} to {b}: a chain moved between them would start without its history; the " +
              "members must share one journal (meshsec node --journal postgres:..., docs/cluster.md)";
    }

    /// <summary>The member whose region holds <paramref name="shard"/>, from the coordinator's statistics.</summary>
    private static async Task<Address?> HomeOf(IActorRef region, string shard)
    {
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(TimeSpan.FromSeconds(10)), Timeout);
        return stats.Regions.FirstOrDefault(r => r.Value.Stats.ContainsKey(shard)).Key;
    }

    private static async Task<ImmutableArray<Address>> RegionsOf(IActorRef region)
    {
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(TimeSpan.FromSeconds(10)), Timeout);
        return [.. stats.Regions.Keys.OrderBy(a => a.ToString(), StringComparer.Ordinal)];
    }
}
