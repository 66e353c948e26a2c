using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Relaying;

/// <summary>The network faults that change how deliveries travel: racing relayers, another latency, another order.</summary>
public sealed partial class Relayer
{
    /// <summary>The latency deliveries are drawn from: net.latency's while it holds, else the path's.</summary>
    private LatencyModel Latency => Faults.Latency ?? Spec.EffectiveLatency;

    /// <summary>
    /// relayer.race: the other racers' copies of a delivery transaction, each landing after a latency drawn for that racer
    /// (never below the floor, plus the lag), so which copy a chain takes first depends on the draws. The copies have ids
    /// of their own, which this machine does not wait for: the one it settles on is its own, and a chain answers a copy
    /// that comes after the first as a redundant relay (a no-op it counts, <see cref="IbcState.RedundantRelays"/>).
    /// </summary>
    private IEnumerable<RelaySubmission> RaceCopies(RelaySubmission own, string origin, ulong height, Timestamp time, ulong laterNanos)
    {
        for (var racer = 1; racer < Faults.Racers; racer++)
        {
            var latency = Latency.SampleNanos(Spec.Seed, PathId, $"race{racer}:{origin}>{own.Chain}", height);
            var at = time.PlusNanos(checked(System.Math.Max(latency, 1UL) + LagNanos + laterNanos));
            var suffix = $"/race{racer}";
            yield return own with { Tx = own.Tx with { Id = own.Tx.Id + suffix }, NotBefore = at, Key = own.Key + suffix };
        }
    }

    /// <summary>
    /// net.reorder: a batch's deliveries in an order drawn from the seed, the block observed and each delivery (the same
    /// history at any speed), cut into batches as usual; with a window, each delivery goes alone, up to the window later
    /// than the batch would land, so they reach the chain in different blocks and out of sequence order.
    /// </summary>
    private IEnumerable<(List<Delivery> Group, ulong LaterNanos)> Reordered(List<Delivery> batch, string origin, ulong height)
    {
        double Draw(Delivery d, string what) =>
            DeterministicRandom.Unit(Spec.Seed, PathId, $"reorder{what}:{origin}/{height}/{d.Kind}/{d.Source}", d.Sequence);
        var shuffled = batch.OrderBy(d => Draw(d, "")).ThenBy(d => d.Key, DeliveryOrder.Instance).ToList();
        var window = Faults.ReorderWindowNanos;
        if (window == 0) return shuffled.Chunk(System.Math.Max(1, BatchSize)).Select(c => (c.ToList(), 0UL));
        return shuffled.Select(d => (new List<Delivery> { d }, (ulong)(Draw(d, "/window") * window)));
    }
}
