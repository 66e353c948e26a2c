using System.Globalization;

namespace MeshSecurity.Cli.Bench;

public sealed partial class BenchRunner
{
    /// <summary>
    /// Figure b's allocation in the steady state: the timed cycles in which the JIT compiled no method. A cycle that runs
    /// while the relay path is still being tiered up runs some of it unoptimised, which allocates what the optimised code
    /// keeps on the stack (up to 3 KiB per packet more on a loaded machine, docs/bench.md, session 22); so the median of
    /// every cycle (<c>relay_allocated</c>) depends on the machine's load, and this figure does not. When the JIT never
    /// settled, the last cycle stands for it, and the note says so.
    /// </summary>
    private void AddSteadyAllocation(IReadOnlyList<double> allocated, IReadOnlyList<long> jitted)
    {
        var steady = allocated.Where((_, i) => jitted[i] == 0).ToList();
        var perCycle = string.Join(", ", jitted.Select(j => j.ToString(CultureInfo.InvariantCulture)));
        var which = steady.Count > 0
            ? $"the {steady.Count} of {allocated.Count} timed cycles in which the JIT compiled no method"
            : $"the last of {allocated.Count} timed cycles (the JIT compiled in every one)";
        Add(new BenchResult("relay_allocated_steady", "b", "relayed packets, allocated, steady state", "KiB/packet",
            steady.Count > 0 ? steady : [allocated[^1]], $"as relay_allocated, over {which}; methods compiled per cycle: {perCycle}"));
    }
}
