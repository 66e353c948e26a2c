using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// shard.handoff on a live run: a chain's shard moves to another member while the run goes on. The run's clock is held
/// between windows first, so every chain has sealed and journaled its window and no relayer is talking to it; every
/// member's chain placement is told where the shard goes (the shard coordinator may be on any of them); at the
/// coordinator's next rebalance the shard hands the chain off (it journals what it took in since its last block and stops,
/// <see cref="Chains.HandOffChain"/>), and the chain's next message starts it on the new member, which rebuilds it from its
/// snapshot and journal. Then the clock goes on. Emulated time does not move meanwhile, so the history is unchanged.
/// </summary>
public sealed partial class MeshNode
{
    private static readonly TimeSpan HandOffTimeout = TimeSpan.FromSeconds(35);

    private void HandOffCommands() =>
        Receive<MeshNodeCommand.MoveShard>(m =>
        {
            if (_runs.TryGetValue(m.RunId, out var run)) run.ChainPlacement.Move(m.Shard, Address.Parse(m.To));
            Sender.Tell(new MeshNodeReply.MoveNoted(m.RunId, _address));
        });

    private void HandOff(Hosted run, IActorRef sender, string chain, string? member)
    {
        var (system, fault, shard) = (Context.System, "shard.handoff", run.Placement.ChainShard(chain));
        if (system.Settings.Config.GetString("akka.persistence.journal.plugin") == "akka.persistence.journal.inmem")
        {
            // each member's memory journal is its own: the chain would start elsewhere without its history
            sender.Tell(new ChaosReply.Refused($"{fault} needs a journal the members share (--journal postgres:...): " +
                "with the memory journal a chain handed off would lose its history"));
            return;
        }
        async Task<ChaosReply> Act()
        {
            var hold = new ClockCommand.Hold($"{fault} {chain} {Guid.NewGuid():N}");
            await run.ClockProxy.Ask<ClockStatus>(hold, HandOffTimeout);
            try
            {
                var from = await HomeOf(run.Chains, shard);
                if (from is null) return new ChaosReply.Refused($"{fault}: chain {chain} is not placed on any member yet");
                var regions = await RegionsOf(run.Chains);
                var others = regions.Where(a => a != from).ToList();
                var to = member is null
                    ? others.FirstOrDefault(a => string.CompareOrdinal(a.ToString(), from.ToString()) > 0) ?? others.FirstOrDefault()
                    : others.FirstOrDefault(a => a.ToString() == member || $"{a.Host}:{a.Port}" == member);
                if (to is null)
                    return new ChaosReply.Refused(member is null
                        ? $"{fault}: {chain} is on {from}, and no other member hosts the run's chains"
                        : $"{fault}: no other member '{member}' hosts the run's chains (it is on {from}; others: " +
                          $"{(others.Count == 0 ? "none" : string.Join(", ", others))})");
                var cluster = Akka.Cluster.Cluster.Get(system);
                var members = cluster.State.Members.Where(m => m.HasRole(Hosting.NodeSettings.MeshRole)).Select(m => m.Address);
                await Task.WhenAll(members.Select(a => system.ActorSelection(new RootActorPath(a) / "user" / Name)
                    .Ask<MeshNodeReply.MoveNoted>(new MeshNodeCommand.MoveShard(run.Spec.Instance, shard, to.ToString()), HandOffTimeout)));
                var deadline = DateTime.UtcNow + HandOffTimeout;
                while (await HomeOf(run.Chains, shard) != to)
                {
                    if (DateTime.UtcNow > deadline)
                        return new ChaosReply.Refused($"{fault}: {chain} did not reach {to} within {HandOffTimeout.TotalSeconds:0} s");
                    await Task.Delay(200);
                }
                // the chain starts on its new member at its next message: this one, so that the move is complete when answered
                await run.Chains.Ask<Chains.ChainReply>(new Chains.ChainCommand.GetState(chain), HandOffTimeout);
                return new ChaosReply.Done(run.Spec.RunId, fault, [chain, $"{from} -> {to}"]);
            }
            finally
            {
                run.ClockProxy.Tell(new ClockCommand.Release(hold.Id));
            }
        }
        Act().PipeTo(Self, success: reply => new Outcome(sender, run.Spec.Instance, chain, fault, reply, [chain], null, null),
            failure: ex => new Outcome(sender, run.Spec.Instance, chain, fault,
                new ChaosReply.Refused($"{fault}: the run's clock or shard regions did not answer ({ex.Message})"), [chain], null, null));
    }

    /// <summary>The member whose region holds <paramref name="shard"/>, from the coordinator's statistics.</summary>
    private static async Task<Address?> HomeOf(IActorRef region, string shard)
    {
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(TimeSpan.FromSeconds(10)), HandOffTimeout);
        return stats.Regions.FirstOrDefault(r => r.Value.Stats.ContainsKey(shard)).Key;
    }

    private static async Task<ImmutableArray<Address>> RegionsOf(IActorRef region)
    {
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(TimeSpan.FromSeconds(10)), HandOffTimeout);
        return [.. stats.Regions.Keys.OrderBy(a => a.ToString(), StringComparer.Ordinal)];
    }
}
