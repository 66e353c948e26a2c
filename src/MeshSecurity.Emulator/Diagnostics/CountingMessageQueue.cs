using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace MeshSecurity.Emulator.Diagnostics;

/// <summary>An unbounded message queue that counts what is enqueued (re-enqueues of a stash go to the deque's front and are not counted).</summary>
public sealed class CountingMessageQueue(MessageCounts counts) : IMessageQueue, IUnboundedMessageQueueSemantics
{
    private readonly UnboundedMessageQueue _inner = new();

    public bool HasMessages => _inner.HasMessages;

    public int Count => _inner.Count;

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        counts.Count(envelope.Message);
        _inner.Enqueue(receiver, envelope);
    }

    public bool TryDequeue(out Envelope envelope) => _inner.TryDequeue(out envelope);

    public void CleanUp(IActorRef owner, IMessageQueue deadletters) => _inner.CleanUp(owner, deadletters);
}
