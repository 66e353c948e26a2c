namespace MeshSecurity.Core.Testing;

/// <summary>
/// What one call of <see cref="Path.Relay"/> moved, as the relayer observed it in the blocks it caused: packets received
/// (recv_packet events; a receive that was a no-op is not one), acknowledged, timed out; its failed transactions (a
/// failed batch counts once, each retry of it once more); channels whose both ends it saw close.
/// </summary>
public sealed record RelayStats(int Received = 0, int Acknowledged = 0, int TimedOut = 0, int Failed = 0, int Closed = 0)
{
    public bool IsEmpty => Received == 0 && Acknowledged == 0 && TimedOut == 0 && Failed == 0 && Closed == 0;

    /// <summary>Something was received, acknowledged, timed out or closed (failures alone are not progress).</summary>
    public bool MadeProgress => Received + Acknowledged + TimedOut + Closed > 0;

    public static RelayStats operator +(RelayStats a, RelayStats b) =>
        new(a.Received + b.Received, a.Acknowledged + b.Acknowledged, a.TimedOut + b.TimedOut, a.Failed + b.Failed, a.Closed + b.Closed);
}
