namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// The journal cannot be used as asked: it is not one this tool wrote, it is missing or damaged, or it belongs to another
/// run. The message is one line that names the journal and says why (never a password); nothing was changed.
/// </summary>
public sealed class JournalRefusedException(string message, bool nothingToResume = false) : Exception(message)
{
    /// <summary>The journal is missing or holds no records: the run can only be started again, not continued.</summary>
    public bool NothingToResume { get; } = nothingToResume;
}
