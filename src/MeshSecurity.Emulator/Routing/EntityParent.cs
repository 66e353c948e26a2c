using Akka.Actor;
using Akka.Cluster.Sharding;

namespace MeshSecurity.Emulator.Routing;

/// <summary>
/// Plays the shard region on a single node: creates one child per entity id (as the message extractor names it)
/// and forwards each message to it, so the same messages and extractor route through cluster sharding later.
/// </summary>
public sealed class EntityParent : ReceiveActor
{
    private readonly IMessageExtractor _extractor;
    private readonly Func<string, Props> _propsFor;

    public EntityParent(IMessageExtractor extractor, Func<string, Props> propsFor)
    {
        _extractor = extractor;
        _propsFor = propsFor;
        ReceiveAny(Route);
    }

    public static Props Props(IMessageExtractor extractor, Func<string, Props> propsFor) =>
        Akka.Actor.Props.Create(() => new EntityParent(extractor, propsFor));

    private void Route(object message)
    {
        var id = _extractor.EntityId(message);
        if (id is null)
        {
            Unhandled(message);
            return;
        }
        var name = Uri.EscapeDataString(id);
        var child = Context.Child(name);
        if (child.IsNobody()) child = Context.ActorOf(_propsFor(id), name);
        child.Forward(_extractor.EntityMessage(message) ?? message);
    }
}
