using System.Collections.Concurrent;
using Akka.Actor;

namespace MeshSecurity.Emulator.Diagnostics;

/// <summary>How many messages were enqueued in the mailboxes of one actor system, by message type (see <see cref="CountingMailbox"/>).</summary>
public sealed class MessageCounts
{
    private static readonly ConcurrentDictionary<string, MessageCounts> BySystem = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byType = new(StringComparer.Ordinal);

    public static MessageCounts For(ActorSystem system) => BySystem.GetOrAdd(system.Name, _ => new MessageCounts());

    public void Count(object message)
    {
        var type = message.GetType();
        var name = type.DeclaringType is { } outer ? $"{outer.Name}.{type.Name}" : type.Name;
        _byType.AddOrUpdate(name, 1, (_, n) => n + 1);
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_byType, StringComparer.Ordinal);

    /// <summary>What was counted between two snapshots, by type (only the types that moved).</summary>
    public static IReadOnlyDictionary<string, long> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(x => x.Value != 0)
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
}
