namespace MeshSecurity.Core.Apis;

/// <summary>
/// Sudo messages the transfer module sends to a contract that sent an ICS-20 transfer, once the transfer is settled
/// (like Osmosis' ibc-hooks callbacks): without them a contract cannot know its tokens came back. A contract that does
/// not handle them loses nothing; the callback's failure is rolled back and ignored.
/// </summary>
[ExternallyTagged]
public abstract record TransferLifecycle
{
    private TransferLifecycle() { }

    /// <summary>
    /// The transfer sent on <paramref name="Channel"/> with <paramref name="Sequence"/> is settled: delivered
    /// (<paramref name="Success"/>), or refused or timed out and refunded to the contract.
    /// </summary>
    public sealed record Completed(string Channel, ulong Sequence, bool Success, bool TimedOut) : TransferLifecycle;
}
