using System.Globalization;

namespace MeshSecurity.Cli.Bench;

public sealed partial class BenchRunner
{
    /// <summary>
    /// Figure b's allocation in the steady state: the median of the last half of the timed cycles (the last four of
    /// nine; the last of two with --quick). A cycle run while the relay path is still being tiered up runs some of it
    /// unoptimised, which allocates what the optimised code keeps on the stack: on a loaded machine the first five to
    /// seven cycles allocate up to 3 KiB per packet more than the last ones, which agree within 0.05 KiB
    /// (docs/bench.md, session 22). So the median of every cycle (<c>relay_allocated</c>) depends on the machine's load
    /// more than this figure does. The JIT keeps compiling a few methods a cycle to the end, so "no method compiled" marks
    /// no cycle steady; the counts per cycle are in the note, for a reader to see the warm-up.
    /// </summary>
    private void AddSteadyAllocation(IReadOnlyList<double> allocated, IReadOnlyList<long> jitted)
    {
        var last = allocated.Count / 2;
        var perCycle = string.Join(", ", jitted.Select(j => j.ToString(CultureInfo.InvariantCulture)));
        Add(new BenchResult("relay_allocated_steady", "b", "relayed packets, allocated, steady state", "KiB/packet",
            allocated.Skip(allocated.Count - last).ToList(),
            $"as relay_allocated, over the last {last} of {allocated.Count} timed cycles; methods the JIT compiled per cycle: {perCycle}"));
    }
}
