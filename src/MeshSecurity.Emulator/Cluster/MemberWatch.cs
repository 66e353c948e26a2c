using Akka.Actor;
using Akka.Cluster;
using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// On a driver: fails the run's network when one of the members hosting it leaves or is removed (downed by the
/// split-brain resolver): its entities are gone or being handed off, and the run cannot go on as if nothing happened.
/// Unreachability alone is not a loss: a loaded machine pauses processes for seconds.
/// </summary>
public sealed class MemberWatch : ReceiveActor
{
    public MemberWatch(IReadOnlySet<Address> members, Action<ClusterMemberLostException> lost)
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        Receive<ClusterEvent.MemberRemoved>(m => Lost(m.Member, "was removed from the cluster"));
        Receive<ClusterEvent.MemberLeft>(m => Lost(m.Member, "left the cluster"));
        // a gossip can skip Leaving: a member first seen exiting has left all the same
        Receive<ClusterEvent.MemberExited>(m => Lost(m.Member, "left the cluster"));
        // downed (a process killed, then downed by the split-brain resolver): known before the removal, which waits a margin
        Receive<ClusterEvent.MemberDowned>(m => Lost(m.Member, "was downed"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        void Lost(Member member, string how)
        {
            if (member.HasRole(NodeSettings.MeshRole) && members.Contains(member.Address))
                lost(new ClusterMemberLostException(member.Address.ToString(), how));
        }
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
    }

    public static Props Props(IReadOnlySet<Address> members, Action<ClusterMemberLostException> lost) =>
        Akka.Actor.Props.Create(() => new MemberWatch(members, lost));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}
