namespace MeshSecurity.Cli.Bench;

/// <summary>
/// What the whole process spent up to a point: CPU time of every thread (user and system: the dispatcher's threads, the
/// GC's, the JIT's), garbage collections per generation, the time the GC held the threads paused and the thread pool's
/// completed work items (each a mailbox run of an actor or a task's continuation: how often a worker was handed work).
/// Two of them bracket a timed phase; the difference divided by the work done is a cost that does not stretch when other processes
/// share the cores, as a wall-clock rate does (docs/bench.md, session 23).
/// </summary>
internal readonly record struct ProcessCost(TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long WorkItems)
{
    public static ProcessCost Now() => new(Environment.CpuUsage.TotalTime, GC.CollectionCount(0), GC.CollectionCount(1),
        GC.CollectionCount(2), GC.GetTotalPauseDuration(), ThreadPool.CompletedWorkItemCount);

    public ProcessCost Since(ProcessCost start) =>
        new(Cpu - start.Cpu, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, GcPause - start.GcPause, WorkItems - start.WorkItems);

    /// <summary>Microseconds of process CPU per unit of work.</summary>
    public double CpuMicrosPer(long units) => Cpu.TotalMicroseconds / units;

    /// <summary>
    /// Microseconds per unit of work that the GC held the threads paused: wall time, so it stretches with the machine's
    /// load as CPU time does not.
    /// </summary>
    public double PauseMicrosPer(long units) => GcPause.TotalMicroseconds / units;

    /// <summary>Thread-pool work items completed per unit of work.</summary>
    public double WorkItemsPer(long units) => WorkItems / (double)units;

    /// <summary>
    /// Collections of every generation per <paramref name="per"/> units of work (a gen0 count includes the gen1 and gen2
    /// collections, as the runtime counts them).
    /// </summary>
    public double CollectionsPer(long units, int per) => Gen0 * (double)per / units;
}
