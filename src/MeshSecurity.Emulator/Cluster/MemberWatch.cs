using Akka.Actor;
using Akka.Cluster;
using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// On a driver: fails the run's network when one of the members hosting it is removed (downed by the split-brain
/// resolver, or left). Unreachability alone is not a loss: a loaded machine pauses processes for seconds.
/// </summary>
public sealed class MemberWatch : ReceiveActor
{
    public MemberWatch(IReadOnlySet<Address> members, Action<ClusterMemberLostException> lost)
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        Receive<ClusterEvent.MemberRemoved>(m =>
        {
            if (m.Member.HasRole(NodeSettings.MeshRole) && members.Contains(m.Member.Address))
                lost(new ClusterMemberLostException(m.Member.Address.ToString(), "removed from the cluster"));
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
    }

    public static Props Props(IReadOnlySet<Address> members, Action<ClusterMemberLostException> lost) =>
        Akka.Actor.Props.Create(() => new MemberWatch(members, lost));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}
