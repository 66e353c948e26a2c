namespace MeshSecurity.Emulator.Network;

/// <summary>
/// The run's journal failed it: a chain could not read or write its records, or a resumed chain re-produced a block
/// that differs from the journal's. The message is one line naming the chain and the height.
/// </summary>
public sealed class JournalFailureException(string chain, ulong height, string message) : Exception(message)
{
    public string Chain { get; } = chain;

    public ulong Height { get; } = height;
}
