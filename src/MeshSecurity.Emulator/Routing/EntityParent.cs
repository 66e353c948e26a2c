using Akka.Actor;
using Akka.Cluster.Sharding;

namespace MeshSecurity.Emulator.Routing;

/// <summary>
/// Plays the shard region on a single node: creates one child per entity id (as the message extractor names it)
/// and forwards each message to it, so the same messages and extractor route through cluster sharding later. It hands
/// an entity off in place as a shard moving would (<see cref="HandOff"/>): the entity gets the hand-off stop message,
/// messages for it wait until it stopped, then it starts again and gets them.
/// </summary>
public sealed class EntityParent : ReceiveActor
{
    private readonly IMessageExtractor _extractor;
    private readonly Func<string, Props> _propsFor;

    /// <summary>Entities being handed off, by child name: who asked, and the messages that came meanwhile.</summary>
    private readonly Dictionary<string, (string Id, IActorRef Asker, List<(object Message, IActorRef Sender)> Waiting)> _handingOff =
        new(StringComparer.Ordinal);

    public EntityParent(IMessageExtractor extractor, Func<string, Props> propsFor)
    {
        _extractor = extractor;
        _propsFor = propsFor;
        Receive<HandOff>(StartHandOff);
        Receive<StopEntities>(StopAll);
        Receive<Terminated>(Restart);
        ReceiveAny(Route);
    }

    public static Props Props(IMessageExtractor extractor, Func<string, Props> propsFor) =>
        Akka.Actor.Props.Create(() => new EntityParent(extractor, propsFor));

    /// <summary>
    /// Stops entity <paramref name="EntityId"/> with <paramref name="StopMessage"/> (its shard's hand-off message) and
    /// starts it again. Answer: <see cref="HandedOff"/> once it started again (or at once when it never started). Local only.
    /// </summary>
    public sealed record HandOff(string EntityId, object StopMessage) : INoSerializationVerificationNeeded;

    /// <summary>The entity stopped and started again: what was sent to it meanwhile went to the new one.</summary>
    public sealed record HandedOff(string EntityId) : INoSerializationVerificationNeeded;

    /// <summary>
    /// Stops every entity with <paramref name="StopMessage"/> (as a shard region stopping hands its shards off), then
    /// itself once they all stopped: a graceful stop with this message lets each entity finish its writes. Local only.
    /// </summary>
    public sealed record StopEntities(object StopMessage) : INoSerializationVerificationNeeded;

    private void StopAll(StopEntities m)
    {
        var children = Context.GetChildren().ToList();
        if (children.Count == 0)
        {
            Context.Stop(Self);
            return;
        }
        var left = new HashSet<IActorRef>(children);
        Become(() =>
        {
            Receive<Terminated>(t =>
            {
                if (left.Remove(t.ActorRef) && left.Count == 0) Context.Stop(Self);
            });
            ReceiveAny(_ => { }); // the network is ending: what still comes for an entity has no one to answer it
        });
        foreach (var child in children)
        {
            Context.Watch(child);
            child.Tell(m.StopMessage);
        }
    }

    private void StartHandOff(HandOff m)
    {
        var name = Uri.EscapeDataString(m.EntityId);
        var child = Context.Child(name);
        if (child.IsNobody() || _handingOff.ContainsKey(name))
        {
            Sender.Tell(new HandedOff(m.EntityId));
            return;
        }
        _handingOff[name] = (m.EntityId, Sender, []);
        Context.Watch(child);
        child.Tell(m.StopMessage);
    }

    private void Restart(Terminated t)
    {
        if (!_handingOff.Remove(t.ActorRef.Path.Name, out var handOff)) return;
        var child = Context.ActorOf(_propsFor(handOff.Id), t.ActorRef.Path.Name);
        foreach (var (message, sender) in handOff.Waiting) child.Tell(message, sender);
        handOff.Asker.Tell(new HandedOff(handOff.Id));
    }

    private void Route(object message)
    {
        var id = _extractor.EntityId(message);
        if (id is null)
        {
            Unhandled(message);
            return;
        }
        var name = Uri.EscapeDataString(id);
        var entityMessage = _extractor.EntityMessage(message) ?? message;
        if (_handingOff.TryGetValue(name, out var handOff))
        {
            handOff.Waiting.Add((entityMessage, Sender));
            return;
        }
        var child = Context.Child(name);
        if (child.IsNobody()) child = Context.ActorOf(_propsFor(id), name);
        child.Forward(entityMessage);
    }
}
