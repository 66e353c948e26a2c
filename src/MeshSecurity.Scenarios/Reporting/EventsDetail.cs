namespace MeshSecurity.Scenarios.Reporting;

/// <summary>Which block_committed lines events.jsonl holds (meshsec run --events; docs/report.md).</summary>
public enum EventsDetail
{
    /// <summary>
    /// A block's line when it carried transactions or any other event, and every <see cref="EventsFile.CheckpointEvery"/>th
    /// height of each chain (its app hash, to compare runs by); the empty blocks between are left out.
    /// </summary>
    Summary,

    /// <summary>Every block of every chain.</summary>
    All,
}
