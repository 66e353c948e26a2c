using System.Threading.Channels;
using Akka.Actor;
using MeshSecurity.Emulator.Cluster;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// A cluster run's driver actor for the live faults its scenario runner applies (<see cref="DriverChaos"/>), at
/// /user/<see cref="DriverChaos.InboxName"/>: it hands each request and whom to answer to the runner, which applies it
/// at the end of the window it is running (ScenarioRunner.LiveChaos.cs). Once the run is over it refuses, saying so.
/// </summary>
internal sealed class LiveChaosInbox : ReceiveActor
{
    public LiveChaosInbox(ChannelWriter<(DriverChaos Request, IActorRef ReplyTo)> requests, string instance) =>
        Receive<DriverChaos>(m =>
        {
            if (!requests.TryWrite((m, Sender)))
                Sender.Tell(new DriverChaosReply.Refused(instance, "the run is over: its driver takes no more faults"));
        });

    public static Props Props(ChannelWriter<(DriverChaos, IActorRef)> requests, string instance) =>
        Akka.Actor.Props.Create(() => new LiveChaosInbox(requests, instance));
}
