using Akka.Actor;
using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Emulator.Network;

/// <summary>Subscribes to the network's events and writes them to a <see cref="NetworkLog"/>.</summary>
public sealed class EventRecorder : ReceiveActor
{
    public EventRecorder(NetworkLog log)
    {
        Receive<EmulatorEvent>(log.Record);
    }

    public static Props Props(NetworkLog log) => Akka.Actor.Props.Create(() => new EventRecorder(log));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(EmulatorEvent));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
