using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// The unbounded deque mailbox (every persistent actor's: they stash), with each message shown to the member's
/// <see cref="ChainKill"/> as it is enqueued.
/// </summary>
public sealed class ChainKillMailbox(Settings settings, Config config)
    : MailboxType(settings, config), IProducesMessageQueue<ChainKillMailbox.Queue>
{
    public const string Hocon = """
        akka.actor.mailbox.unbounded-deque-based {
          mailbox-type = "MeshSecurity.Emulator.Tests.Cluster.ChainKillMailbox, MeshSecurity.Emulator.Tests"
        }
        """;

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new Queue(system);

    public sealed class Queue(ActorSystem? system)
        : DequeWrapperMessageQueue(new Intercepting(system)), IUnboundedDequeBasedMessageQueueSemantics;

    private sealed class Intercepting(ActorSystem? system) : IMessageQueue
    {
        private readonly UnboundedMessageQueue _inner = new();

        public bool HasMessages => _inner.HasMessages;

        public int Count => _inner.Count;

        public void Enqueue(IActorRef receiver, Envelope envelope)
        {
            if (ChainKill.Of(system) is { } kill) kill.Enqueue(receiver, envelope, e => _inner.Enqueue(receiver, e));
            else _inner.Enqueue(receiver, envelope);
        }

        public bool TryDequeue(out Envelope envelope) => _inner.TryDequeue(out envelope);

        public void CleanUp(IActorRef owner, IMessageQueue deadletters) => _inner.CleanUp(owner, deadletters);
    }
}
