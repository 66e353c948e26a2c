using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Protocol;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// What every member needs to host one run's entities: its id (which names its shard regions, its clock singleton and
/// its journal's persistence ids, so runs on one cluster never share state), the placement, and the settings a chain and
/// the clock are created with. A run that lost a member starts again on the others as its next attempt: new regions and
/// a new singleton (nothing of the last attempt is recovered or handed off), the same journal, which every chain
/// re-produces from genesis and checks block by block.
/// </summary>
public sealed record RunSpec(string RunId, MeshPlacement Placement, ContractExecution Contracts, ulong SnapshotEvery,
    ClockSettings Clock, Timestamp GenesisTime, int Attempt = 1) : IMeshProtocolMember
{
    public string ChainsTypeName => $"chains-{Instance}";
    public string ChannelsTypeName => $"channels-{Instance}";
    public string ClockName => $"clock-{Instance}";

    /// <summary>The run id, and from the second attempt on its number ("run-2"): what names one attempt's actors.</summary>
    public string Instance => Attempt <= 1 ? RunId : $"{RunId}-{Attempt}";

    /// <summary>An attempt after the first finds the journal the last one wrote: its chains check what they re-produce.</summary>
    public bool ReplayFromGenesis => Attempt > 1;

    /// <summary>The same run, started again after a member was lost.</summary>
    public RunSpec Next() => this with { Attempt = Attempt + 1 };

    /// <summary>The singleton manager's path on every member (a child of its <see cref="MeshNode"/>).</summary>
    public string ClockPath => $"/user/{MeshNode.Name}/{ClockName}";

    /// <summary>A run of its own for a network's settings: a fresh id unless one is given.</summary>
    public static RunSpec For(Network.NetworkSettings settings, MeshPlacement placement, string? runId = null) =>
        new(runId ?? Guid.NewGuid().ToString("N")[..12], placement, settings.Contracts, settings.SnapshotEvery, settings.EffectiveClock,
            settings.EffectiveGenesisTime);

    /// <summary>Before "chain-{id}": a cluster's journal holds many runs.</summary>
    public string JournalPrefix => $"run-{RunId}/";
}
