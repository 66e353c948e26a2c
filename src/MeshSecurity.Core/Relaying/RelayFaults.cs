using System.Collections.Immutable;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// A relayer machine's fault switches (chaos): <paramref name="LagNanos"/> added to every latency draw (relayer.lag),
/// the share of packets lost before they are received (net.loss), a batch size in place of the path's
/// (relayer.batch-size), and a packet kind it never relays (relayer.censor: `stake`, `burn`, `transfer`, ...; see
/// <see cref="PacketKinds"/>). A packet withheld by loss or censorship times out on its source.
/// <paramref name="PausedTo"/> (relayer.pause) names the chains it submits no packet, acknowledgement or timeout to
/// while it holds: it keeps watching both chains and owes what it saw, and delivers it when the pause ends.
/// <paramref name="Starve"/> (relayer.starve) withholds one packet, the first it sees sent that matches, until it times out.
/// <paramref name="ClearIntervalNanos"/> (relayer.clear-interval, hermes' clear_interval) makes it relay nothing on the
/// blocks it reads but every so often: it submits what it owes at the first block at or after each of the instants
/// <paramref name="ClearFromNanos"/> + k × the interval (k ≥ 1: the fault's start, as a timestamp, anchors them).
/// <paramref name="Racers"/> (relayer.race) is how many relayers serve the path at once: above 1, every delivery batch
/// is submitted once per racer, each copy landing after a latency drawn for that racer, and the chains take the first.
/// <paramref name="Latency"/> (net.latency) replaces the path's latency distribution while it is set.
/// <paramref name="Reorder"/> (net.reorder) submits each batch's deliveries in an order drawn from the seed instead of
/// sequence order, and with <paramref name="ReorderWindowNanos"/> each one alone, up to that much later than the batch.
/// </summary>
public sealed record RelayFaults(
    ulong LagNanos = 0, double Loss = 0, int? BatchSize = null, string? Censor = null, ImmutableSortedSet<string>? PausedTo = null,
    StarveSpec? Starve = null, ulong ClearIntervalNanos = 0, ulong ClearFromNanos = 0, int Racers = 1, LatencyModel? Latency = null,
    bool Reorder = false, ulong ReorderWindowNanos = 0)
{
    public static readonly RelayFaults None = new();

    /// <summary>True while deliveries to <paramref name="chain"/> are held back.</summary>
    public bool Pauses(string chain) => PausedTo?.Contains(chain) == true;

    // the sets by content: a switch sent again with the same chains changes nothing
    public bool Equals(RelayFaults? other) =>
        other is not null && LagNanos == other.LagNanos && Loss.Equals(other.Loss) && BatchSize == other.BatchSize
        && Censor == other.Censor && (PausedTo ?? []).SetEquals(other.PausedTo ?? []) && Starve == other.Starve
        && ClearIntervalNanos == other.ClearIntervalNanos && ClearFromNanos == other.ClearFromNanos && Racers == other.Racers
        && Equals(Latency, other.Latency) && Reorder == other.Reorder && ReorderWindowNanos == other.ReorderWindowNanos;

    public override int GetHashCode() => HashCode.Combine(
        HashCode.Combine(LagNanos, Loss, BatchSize, Censor, PausedTo?.Count ?? 0, Starve, ClearIntervalNanos, ClearFromNanos),
        Racers, Latency, Reorder, ReorderWindowNanos);
}
