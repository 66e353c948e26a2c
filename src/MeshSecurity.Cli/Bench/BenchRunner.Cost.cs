using System.Globalization;

namespace MeshSecurity.Cli.Bench;

public sealed partial class BenchRunner
{
    /// <summary>
    /// Figure b's cost in process CPU and collections per relayed cross-stake, over the same steady cycles as
    /// <c>relay_allocated_steady</c> (the last half: the first cycles run code the JIT is still tiering up, and its
    /// background compiles are in the process's CPU). A rate in packets/s stretches with the load of other processes on
    /// the cores; CPU per packet much less, so two builds can be compared on a shared machine (docs/bench.md, session 23).
    /// </summary>
    private void AddRelayCost(string prefix, string what, IReadOnlyList<ProcessCost> cycles, int n)
    {
        var steady = cycles.Skip(cycles.Count - cycles.Count / 2).ToList();
        Add(new BenchResult($"{prefix}_cpu_per_packet", "b", $"{what}, process CPU, steady state", "µs/packet",
            [.. steady.Select(c => c.CpuMicrosPer(n))],
            $"user + system CPU of every thread per relayed cross-stake, the last {steady.Count} of {cycles.Count} timed cycles; " +
            $"every cycle: {List(cycles, c => c.CpuMicrosPer(n))}; the GC's pauses, wall µs per packet: " +
            $"{List(cycles, c => c.PauseMicrosPer(n))}; thread-pool work items per 1,000 packets: " +
            List(cycles, c => 1000 * c.WorkItemsPer(n))));
        Add(new BenchResult($"{prefix}_gc_per_1000_packets", "b", $"{what}, collections, steady state", "per 1,000 packets",
            [.. steady.Select(c => c.CollectionsPer(n, 1000))],
            $"garbage collections (every generation) per 1,000 relayed cross-stakes, the same cycles; gen0/gen1/gen2 per cycle: " +
            string.Join(", ", cycles.Select(c => $"{c.Gen0}/{c.Gen1}/{c.Gen2}"))));
    }

    /// <summary>
    /// Figure e's cost: process CPU per block of the ring (chains that made a block in a window, one block each, as the
    /// windows of 1 s are shorter than the 6 s blocks) and collections per 1,000 blocks, every repetition; the steady
    /// repetitions (2 and 3) are the figure.
    /// </summary>
    private void AddRingCost(int n, string suffix, string what, IReadOnlyList<(ProcessCost Cost, long Blocks)> reps)
    {
        Add(new BenchResult($"ring{n}{suffix}_cpu_per_block", "e", $"ring of {n}, {what}: process CPU, steady state", "µs/block",
            [.. reps.Skip(1).Select(r => r.Cost.CpuMicrosPer(r.Blocks))],
            $"user + system CPU of every thread per block, repetitions 2 and 3 of 3; every repetition: " +
            $"{List(reps, r => r.Cost.CpuMicrosPer(r.Blocks))} ({List(reps, r => r.Blocks)} blocks); the GC's pauses, wall µs per " +
            $"block: {List(reps, r => r.Cost.PauseMicrosPer(r.Blocks))}; thread-pool work items per block: " +
            List(reps, r => r.Cost.WorkItemsPer(r.Blocks)), $"ring{suffix}_cpu_per_block", n));
        Add(new BenchResult($"ring{n}{suffix}_gc_per_1000_blocks", "e", $"ring of {n}, {what}: collections, steady state",
            "per 1,000 blocks", [.. reps.Skip(1).Select(r => r.Cost.CollectionsPer(r.Blocks, 1000))],
            "garbage collections (every generation) per 1,000 blocks, repetitions 2 and 3; gen0/gen1/gen2 per repetition: " +
            string.Join(", ", reps.Select(r => $"{r.Cost.Gen0}/{r.Cost.Gen1}/{r.Cost.Gen2}"))));
    }

    private static string List<T>(IEnumerable<T> items, Func<T, double> value) =>
        string.Join(", ", items.Select(i => value(i).ToString("0.#", CultureInfo.InvariantCulture)));
}
