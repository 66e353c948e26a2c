using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Runs a network on a cluster from a driver member (role "driver"): waits for the "mesh" members, has each host the run
/// (<see cref="MeshNodeCommand.HostRun"/>), waits until both shard coordinators know every member's region (so the first
/// shards are spread over all of them), and attaches a <see cref="MeshNetwork"/> to the run's shard region proxies and
/// clock singleton. Chains added to the network are announced to every member, so channels can be co-located.
/// </summary>
public static class ClusterDriver
{
    public static async Task<MeshNetwork> StartAsync(ActorSystem system, NetworkSettings settings, CodeRegistry codes, RunSpec spec,
        int minMembers, TimeSpan timeout, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        var members = await MeshMembersAsync(system, minMembers, timeout, cts.Token, ct);
        MeshNodeReply.Hosted[] hosted;
        try
        {
            hosted = await Task.WhenAll(members.Select(m => NodeOf(system, m).Ask<MeshNodeReply.Hosted>(new MeshNodeCommand.HostRun(spec),
                timeout)));
        }
        catch (AskTimeoutException)
        {
            throw new ClusterUnavailableException($"the members did not host the run within {timeout.TotalSeconds:0} s " +
                "(is each a meshsec node of this version?)");
        }
        var placement = new RunPlacement(spec.Placement);
        var sharding = ClusterSharding.Get(system);
        var chains = sharding.StartProxy(spec.ChainsTypeName, NodeSettings.MeshRole, new ClusterChainExtractor(placement));
        var channels = sharding.StartProxy(spec.ChannelsTypeName, NodeSettings.MeshRole, new ClusterChannelExtractor(placement));
        var clock = system.ActorOf(ClusterSingletonProxy.Props(spec.ClockPath,
            ClusterSingletonProxySettings.Create(system).WithRole(NodeSettings.MeshRole)), $"{spec.ClockName}-proxy");
        foreach (var region in new[] { chains, channels }) await RegionsKnownAsync(region, members.Length, cts.Token, ct);
        // a test setting: the driver's requests pass a lossy hop too (docs/decisions/0013)
        var toChains = spec.Hop == HopFault.None ? chains
            : system.ActorOf(LossyHop.Props(chains, spec.Hop), $"{spec.ClockName}-chains-hop");
        var toChannels = spec.Hop == HopFault.None ? channels
            : system.ActorOf(LossyHop.Props(channels, spec.Hop), $"{spec.ClockName}-channels-hop");
        var toClock = spec.Hop == HopFault.None ? clock : system.ActorOf(LossyHop.Props(clock, spec.Hop), $"{spec.ClockName}-clock-hop");
        var net = await MeshNetwork.AttachAsync(system, settings, codes, toChains, toChannels, toClock, timeout,
            async chain =>
            {
                placement.Know([chain]);
                var know = new MeshNodeCommand.KnowChains(spec.Instance, [chain]);
                await Task.WhenAll(members.Select(m => NodeOf(system, m).Ask<MeshNodeReply>(know, timeout)));
            });
        net.MoveChainsWith(hosted.Any(h => h.MemoryJournal), async (chain, member) =>
            await ShardMove.RunAsync(system, clock, chains, spec, placement.ChainShard(chain), chain, member) switch
            {
                ChaosReply.Done done => (true, done.Targets[1]),
                ChaosReply.Refused refused => (false, refused.Reason),
                var other => (false, $"shard.handoff: unexpected answer {other}"),
            });
        // a member leaving gracefully is carried on in place when its entities can start elsewhere with their history
        var watch = system.ActorOf(MemberWatch.Props(members.ToHashSet(), net.Fail, clock, !hosted.Any(h => h.MemoryJournal),
            net.CarriedOn, await DownNotInPlaceAsync(system, spec, members, timeout)), $"{spec.ClockName}-members");
        net.OnDispose(async () =>
        {
            // the run is over: no member keeps its entities (best effort: a member that does not answer has gone anyway)
            await watch.GracefulStop(TimeSpan.FromSeconds(5));
            // the proxy would look for the ended run's singleton for ever, saying so every 30 s
            system.Stop(clock);
            if (spec.Hop != HopFault.None) foreach (var hop in new[] { toChains, toChannels, toClock }) system.Stop(hop);
            var end = new MeshNodeCommand.EndRun(spec.Instance);
            var live = MembersToEnd(Akka.Cluster.Cluster.Get(system).State.Members.Select(m => (m.Address, m.Status)), members,
                net.Failure.Exception?.GetBaseException());
            try
            {
                await Task.WhenAll(live.Select(m => NodeOf(system, m).Ask<MeshNodeReply.Ended>(end, TimeSpan.FromSeconds(20))));
            }
            catch (AskTimeoutException)
            {
                // reported by the member watch, or the member is gone
            }
        });
        return net;
    }

    /// <summary>
    /// The members told that the run ends: those this driver sees up or leaving, but not the member the run lost. Gone or
    /// going (downed, or killed as its leave was gossiped: this driver may see it leaving before it sees it downed), it
    /// would answer only at the ask's timeout: 20 s more before the next attempt starts (docs/bench.md, g); its
    /// run needs no end there, as the next attempt has journal records of its own.
    /// </summary>
    internal static IEnumerable<Address> MembersToEnd(IEnumerable<(Address Address, MemberStatus Status)> seen,
        IEnumerable<Address> members, Exception? failure)
    {
        var lost = failure is ClusterMemberLostException l ? l.Address : null;
        return seen.Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving && m.Address.ToString() != lost)
            .Select(m => m.Address).Intersect(members);
    }

    /// <summary>The mesh members once at least <paramref name="min"/> are up (sorted by address).</summary>
    private static async Task<ImmutableArray<Address>> MeshMembersAsync(ActorSystem system, int min, TimeSpan timeout,
        CancellationToken ct, CancellationToken stop)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        while (true)
        {
            var up = cluster.State.Members
                .Where(m => m.Status == MemberStatus.Up && m.HasRole(NodeSettings.MeshRole))
                .Select(m => m.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToImmutableArray();
            if (cluster.SelfMember.Status == MemberStatus.Up && up.Length >= System.Math.Max(1, min)) return up;
            stop.ThrowIfCancellationRequested();
            if (ct.IsCancellationRequested)
                throw new ClusterUnavailableException(cluster.SelfMember.Status == MemberStatus.Up
                    ? $"the cluster did not have {System.Math.Max(1, min)} mesh member(s) up within {timeout.TotalSeconds:0} s " +
                      $"(up: {up.Length}; {Members(cluster.State)})"
                    : $"no cluster took this driver in within {timeout.TotalSeconds:0} s: is a meshsec node running at the seed " +
                      "address, and can it reach this driver's address (--cluster-hostname)?");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Every member this driver knows, with its status and roles, and who is unreachable: why members are not up.</summary>
    private static string Members(ClusterEvent.CurrentClusterState state) =>
        "members: " + string.Join(", ", state.Members.Select(m => $"{m.Address} {m.Status} [{string.Join(",", m.Roles)}]")) +
        (state.Unreachable.IsEmpty ? "" : "; unreachable: " + string.Join(", ", state.Unreachable.Select(m => m.Address)));

    private static async Task RegionsKnownAsync(IActorRef region, int count, CancellationToken ct, CancellationToken stop)
    {
        var seen = "none: the coordinator never answered";
        while (true)
        {
            try
            {
                var regions = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(2));
                if (regions.Regions.Count >= count) return;
                seen = regions.Regions.Count == 0 ? "none" : string.Join(", ", regions.Regions);
            }
            catch (AskTimeoutException)
            {
                // the coordinator is still starting
            }
            stop.ThrowIfCancellationRequested();
            if (ct.IsCancellationRequested)
                throw new ClusterUnavailableException(
                    $"the shard coordinator did not see the {count} members' regions in time (it saw: {seen})");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static ActorSelection NodeOf(ActorSystem system, Address member) =>
        system.ActorSelection(new RootActorPath(member) / "user" / MeshNode.Name);

    /// <summary>
    /// Why a downed member of the run could not be carried on in place, or null when every member journals to one
    /// PostgreSQL store (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md).
    /// </summary>
    private static async Task<string?> DownNotInPlaceAsync(ActorSystem system, RunSpec spec, IReadOnlyList<Address> members,
        TimeSpan timeout)
    {
        var ask = new MeshNodeCommand.DescribeJournal(spec.Instance);
        var journals = (await Task.WhenAll(members.Select(m => NodeOf(system, m).Ask<MeshNodeReply.JournalIs>(ask, timeout))))
            .Select(j => j.Journal).Distinct().ToList();
        if (journals.Count > 1) return $"the members journal apart: {string.Join(", ", journals)}";
        return journals.Single().StartsWith("postgres:", StringComparison.Ordinal) ? null : $"its journal is {journals.Single()}";
    }
}
