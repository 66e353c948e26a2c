namespace MeshSecurity.Core.Relaying;

/// <summary>
/// A relayer machine's fault switches (chaos): <paramref name="LagNanos"/> added to every latency draw (relayer.lag),
/// the share of packets lost before they are received (net.loss), a batch size in place of the path's
/// (relayer.batch-size), and a packet kind it never relays (relayer.censor: `stake`, `burn`, `transfer`, ...; see
/// <see cref="PacketKinds"/>). A packet withheld by loss or censorship times out on its source.
/// </summary>
public sealed record RelayFaults(ulong LagNanos = 0, double Loss = 0, int? BatchSize = null, string? Censor = null)
{
    public static readonly RelayFaults None = new();
}
