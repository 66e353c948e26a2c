namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// Decides whether a journal may be used, before any actor starts: a new run empties a journal only when this tool wrote
/// it (and stamps it with the run's <see cref="JournalStamp"/>); --resume continues only a journal stamped for the same
/// scenario and seed. Anything else is refused with a <see cref="JournalRefusedException"/> and left untouched.
/// </summary>
public static class JournalGuard
{
    public static async Task<JournalInspection> InspectAsync(JournalSettings journal, CancellationToken ct) => journal.Kind switch
    {
        JournalKind.Sqlite => SqliteJournalFile.Inspect(Path.GetFullPath(journal.SqlitePath!)),
        JournalKind.Postgres => await PostgresJournal.InspectAsync(journal.PostgresConnectionString!, ct),
        _ => JournalInspection.Absent,
    };

    /// <summary>Empties the journal for a new run and stamps it; refuses a location that holds anything else.</summary>
    public static async Task StartNewAsync(JournalSettings journal, JournalStamp stamp, CancellationToken ct)
    {
        if (journal.InMemory) return;
        var found = await InspectAsync(journal, ct);
        if (!found.IsOurs)
            throw new JournalRefusedException($"journal {journal} {found.Foreign}; it was left untouched (choose another --journal)");
        if (journal.Kind == JournalKind.Sqlite) SqliteJournalFile.StartNew(Path.GetFullPath(journal.SqlitePath!), stamp);
        else await PostgresJournal.StartNewAsync(journal.PostgresConnectionString!, stamp, ct);
    }

    /// <summary>
    /// Checks that the journal can be continued by a run stamped <paramref name="expected"/>: it exists, this tool wrote it,
    /// for the same scenario file and seed, it holds records, and (SQLite) the file is sound.
    /// </summary>
    public static async Task CheckResumeAsync(JournalSettings journal, JournalStamp expected, CancellationToken ct)
    {
        if (journal.InMemory) throw new JournalRefusedException("a run with --journal memory kept nothing to resume from");
        var found = await InspectAsync(journal, ct);
        if (!found.Exists)
            throw new JournalRefusedException($"journal {journal} is missing: there is nothing to resume", nothingToResume: true);
        if (!found.IsOurs) throw new JournalRefusedException($"journal {journal} {found.Foreign}");
        if (found.Stamp is not { } stamp)
            throw new JournalRefusedException($"journal {journal} carries no run stamp (written by an older meshsec?), so it cannot be " +
                $"matched to this scenario; start a new run");
        if (stamp.RunHash != expected.RunHash)
            throw new JournalRefusedException($"journal {journal} was written by a run of scenario '{stamp.ScenarioName}' (run hash " +
                $"{stamp.ShortHash}), not by this one ('{expected.ScenarioName}', {expected.ShortHash}): it holds another history");
        if (found.Records == 0)
            throw new JournalRefusedException($"journal {journal} holds no records (the run was stopped before its first, or they were " +
                "deleted): there is nothing to resume", nothingToResume: true);
        if (journal.Kind == JournalKind.Sqlite && SqliteJournalFile.Damage(Path.GetFullPath(journal.SqlitePath!)) is { } damage)
            throw new JournalRefusedException($"journal {journal} is damaged: {damage}");
    }
}
