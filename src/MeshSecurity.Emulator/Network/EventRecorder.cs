using Akka.Actor;
using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Emulator.Network;

/// <summary>Subscribes to the network's events and writes them to a <see cref="NetworkLog"/>.</summary>
public sealed class EventRecorder : ReceiveActor
{
    public EventRecorder(NetworkLog log)
    {
        Receive<EmulatorEvent>(log.Record);
        Receive<Flush>(_ => Sender.Tell(Flush.Done));
    }

    /// <summary>
    /// Answered once every event published before it was recorded: the chains publish before they finish a clock
    /// step, so after a run and a flush the log holds everything the run produced.
    /// </summary>
    public sealed class Flush
    {
        public static readonly Flush Instance = new();
        public static readonly object Done = new();
    }

    public static Props Props(NetworkLog log) => Akka.Actor.Props.Create(() => new EventRecorder(log));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(EmulatorEvent));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
