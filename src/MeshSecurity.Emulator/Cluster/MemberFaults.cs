using System.Collections.Immutable;
using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Transport faults between this member and others (`meshsec chaos node.partition | node.throttle`), made by Akka.Remote's
/// own throttler adapter: a partition blackholes the connections both ways, a throttle lets through at most a rate of
/// bytes per second. They are real to everything above the transport (heartbeats, gossip, sharding, the run's messages),
/// so a partition that outlasts the failure detector gets a side downed by the split-brain resolver, as a cable pulled
/// out would. Only members started with <c>--transport-faults</c> have the adapter.
/// </summary>
public sealed class MemberFaults(ActorSystem system)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The least a throttle may let through: below it heartbeats alone would not fit.</summary>
    public const long MinRate = 1_000;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, string> _inForce = new(StringComparer.Ordinal);

    /// <summary>True when this member remotes through the throttler (started with --transport-faults).</summary>
    public bool Available => system.Settings.Config.GetStringList("akka.remote.dot-netty.tcp.applied-adapters", [])
        .Contains(ThrottleTransportAdapter.Scheme);

    /// <summary>What is in force, as status shows it: "node.throttle 10000 B/s to akka.trttl.tcp://meshsec@host:4054".</summary>
    public ImmutableArray<string> InForce
    {
        get
        {
            lock (_gate) return [.. _inForce.Values];
        }
    }

    /// <summary>
    /// The other members a fault acts on: the one named (by its address, or host:port), or all of them; or why there are none.
    /// </summary>
    public (ImmutableArray<Address> Members, string? Problem) Targets(string? member)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var others = cluster.State.Members.Select(m => m.Address).Where(a => a != cluster.SelfAddress)
            .OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        if (member is null)
            return others.Count == 0 ? ([], "this member is alone in the cluster: there is no link to fault") : ([.. others], null);
        var named = others.Where(a => a.ToString() == member || $"{a.Host}:{a.Port}" == member || member.EndsWith($"@{a.Host}:{a.Port}",
            StringComparison.Ordinal)).ToImmutableArray();
        return named.IsEmpty
            ? ([], $"no other member '{member}' (members: {string.Join(", ", others)})")
            : (named, null);
    }

    /// <summary>Blackholes both directions between this member and <paramref name="members"/>.</summary>
    public Task<ImmutableArray<string>> PartitionAsync(ImmutableArray<Address> members) =>
        ApplyAsync(members, Blackhole.Instance, a => $"node.partition from {a}");

    /// <summary>Lets at most <paramref name="bytesPerSecond"/> through each way between this member and each of the others.</summary>
    public Task<ImmutableArray<string>> ThrottleAsync(ImmutableArray<Address> members, long bytesPerSecond)
    {
        var rate = (int)Math.Min(bytesPerSecond, int.MaxValue);
        return ApplyAsync(members, new TokenBucket(rate, rate, 0, rate), a => $"node.throttle {bytesPerSecond} B/s to {a}");
    }

    /// <summary>Every connection this member faulted flows freely again; answers what was healed.</summary>
    public async Task<ImmutableArray<string>> HealAsync()
    {
        ImmutableArray<(string Address, string Fault)> faulted;
        lock (_gate) faulted = [.. _inForce.Select(kv => (kv.Key, kv.Value))];
        foreach (var (address, _) in faulted) await SetAsync(Address.Parse(address), Unthrottled.Instance);
        lock (_gate)
            foreach (var (address, _) in faulted) _inForce.Remove(address);
        return [.. faulted.Select(f => f.Fault)];
    }

    private async Task<ImmutableArray<string>> ApplyAsync(ImmutableArray<Address> members, ThrottleMode mode,
        Func<Address, string> describe)
    {
        foreach (var member in members) await SetAsync(member, mode);
        lock (_gate)
            foreach (var member in members) _inForce[member.ToString()] = describe(member);
        return [.. members.Select(describe)];
    }

    private async Task SetAsync(Address member, ThrottleMode mode)
    {
        var provider = (IRemoteActorRefProvider)((ExtendedActorSystem)system).Provider;
        var throttle = new SetThrottle(member, ThrottleTransportAdapter.Direction.Both, mode);
        var done = await provider.Transport.ManagementCommand(throttle).WaitAsync(CommandTimeout);
        if (!done) throw new InvalidOperationException($"the transport did not apply the throttle to {member}");
    }
}
