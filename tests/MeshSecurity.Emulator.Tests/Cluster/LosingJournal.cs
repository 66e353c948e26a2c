using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// The memory journal, except that the writes of an entity marked with <see cref="LoseWritesOf"/> are dropped until its
/// next incarnation recovers: what a process killed with writes in flight loses (<see cref="ChainKill"/>).
/// </summary>
public sealed class LosingJournal : MemoryJournal
{
    /// <summary>Persistence ids (by their ending) whose writes are lost.</summary>
    private static readonly ConcurrentDictionary<string, int> Losing = new(StringComparer.Ordinal);

    public const string Hocon = """
        akka.persistence.journal.plugin = "akka.persistence.journal.losing"
        akka.persistence.journal.losing {
          class = "MeshSecurity.Emulator.Tests.Cluster.LosingJournal, MeshSecurity.Emulator.Tests"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """;

    /// <summary>From now until the entity recovers, its writes (those of the incarnation about to die) are dropped.</summary>
    public static void LoseWritesOf(string persistenceIdEnding)
    {
        Dropped[persistenceIdEnding] = 0;
        Losing[persistenceIdEnding] = 0;
    }

    /// <summary>How many writes were dropped for the id, the last time it was marked.</summary>
    public static int Lost(string persistenceIdEnding) => Dropped.GetValueOrDefault(persistenceIdEnding);

    private static readonly ConcurrentDictionary<string, int> Dropped = new(StringComparer.Ordinal);

    private static string? Marked(string persistenceId) =>
        Losing.Keys.FirstOrDefault(k => persistenceId.EndsWith(k, StringComparison.Ordinal));

    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages,
        CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        var kept = new List<AtomicWrite>(writes.Count);
        foreach (var write in writes)
        {
            if (Marked(write.PersistenceId) is { } key) Dropped.AddOrUpdate(key, 1, (_, n) => n + 1);
            else kept.Add(write);
        }
        var results = await base.WriteMessagesAsync(kept, cancellationToken);
        if (results is null || kept.Count == writes.Count) return results!;
        // one result per write asked for: a dropped write "succeeded", as far as a dead writer could ever hear
        var i = 0;
        return [.. writes.Select(w => kept.Contains(w) ? results[i++] : null)];
    }

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr,
        CancellationToken cancellationToken)
    {
        // the next incarnation starts: the dead one's writes in flight are behind it
        if (Marked(persistenceId) is { } key) Losing.TryRemove(key, out _);
        return base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
    }
}
