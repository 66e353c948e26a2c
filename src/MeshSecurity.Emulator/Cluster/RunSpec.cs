using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Protocol;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// What every member needs to host one run's entities: its id (which names its shard regions, its clock singleton and
/// its journal's persistence ids, so runs on one cluster never share state), the placement, and the settings a chain and
/// the clock are created with.
/// </summary>
public sealed record RunSpec(string RunId, MeshPlacement Placement, ContractExecution Contracts, ulong SnapshotEvery,
    ClockSettings Clock, Timestamp GenesisTime) : IMeshProtocolMember
{
    public string ChainsTypeName => $"chains-{RunId}";
    public string ChannelsTypeName => $"channels-{RunId}";
    public string ClockName => $"clock-{RunId}";

    /// <summary>The singleton manager's path on every member (a child of its <see cref="MeshNode"/>).</summary>
    public string ClockPath => $"/user/{MeshNode.Name}/{ClockName}";

    /// <summary>A run of its own for a network's settings: a fresh id unless one is given.</summary>
    public static RunSpec For(Network.NetworkSettings settings, MeshPlacement placement, string? runId = null) =>
        new(runId ?? Guid.NewGuid().ToString("N")[..12], placement, settings.Contracts, settings.SnapshotEvery, settings.EffectiveClock,
            settings.EffectiveGenesisTime);

    /// <summary>Before "chain-{id}": a cluster's journal holds many runs.</summary>
    public string JournalPrefix => $"run-{RunId}/";
}
