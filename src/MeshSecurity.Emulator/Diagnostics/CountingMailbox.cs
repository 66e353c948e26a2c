using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace MeshSecurity.Emulator.Diagnostics;

/// <summary>
/// A mailbox type that counts every message enqueued in an actor system (<see cref="MessageCounts.For"/>), for measuring
/// how many actor messages a relayed packet costs. Asks' answers go to temporary actors without a mailbox and are not
/// counted. Use <see cref="SystemConfig"/> for the system.
/// </summary>
public sealed class CountingMailbox(Settings settings, Config config) : MailboxType(settings, config), IProducesMessageQueue<CountingDequeQueue>
{
    private const string Self = "\"MeshSecurity.Emulator.Diagnostics.CountingMailbox, MeshSecurity.Emulator\"";

    public static Config SystemConfig { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor.default-mailbox.mailbox-type = {{Self}}
        akka.actor.mailbox.unbounded-queue-based.mailbox-type = {{Self}}
        akka.actor.mailbox.unbounded-deque-based.mailbox-type = {{Self}}
        akka.loglevel = WARNING
        """);

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new CountingDequeQueue(MessageCounts.For(system));
}
