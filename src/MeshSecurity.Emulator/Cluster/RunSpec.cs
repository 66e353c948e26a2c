using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Protocol;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// What every member needs to host one run's entities: its id (which names its shard regions, its clock singleton and
/// its journal's persistence ids, so runs on one cluster never share state), the placement, and the settings a chain and
/// the clock are created with. A run that lost a member starts again on the others as its next attempt: new regions, a
/// new singleton and journal records of its own (nothing of the last attempt's journal is read; a history that live
/// chaos changed is not held against the new one), its clock at <paramref name="ClockStart"/> when it goes on from the
/// lost attempt's checkpoint (docs/decisions/0012-a-lost-member-resumes-from-the-checkpoint.md), else at genesis.
/// </summary>
public sealed record RunSpec(string RunId, MeshPlacement Placement, ContractExecution Contracts, ulong SnapshotEvery,
    ClockSettings Clock, Timestamp GenesisTime, int Attempt = 1, Timestamp? ClockStart = null) : IMeshProtocolMember
{
    public string ChainsTypeName => $"chains-{Instance}";
    public string ChannelsTypeName => $"channels-{Instance}";
    public string ClockName => $"clock-{Instance}";

    /// <summary>The run id, and from the second attempt on its number ("run-2"): what names one attempt's actors.</summary>
    public string Instance => Attempt <= 1 ? RunId : $"{RunId}-{Attempt}";

    /// <summary>The same run, started again after a member was lost: from genesis, or with its clock at a checkpoint's time.</summary>
    public RunSpec Next(Timestamp? clockStart = null) => this with { Attempt = Attempt + 1, ClockStart = clockStart };

    /// <summary>The singleton manager's path on every member (a child of its <see cref="MeshNode"/>).</summary>
    public string ClockPath => $"/user/{MeshNode.Name}/{ClockName}";

    /// <summary>A run of its own for a network's settings: a fresh id unless one is given.</summary>
    public static RunSpec For(Network.NetworkSettings settings, MeshPlacement placement, string? runId = null) =>
        new(runId ?? Guid.NewGuid().ToString("N")[..12], placement, settings.Contracts, settings.SnapshotEvery, settings.EffectiveClock,
            settings.EffectiveGenesisTime) { ChannelSnapshotEvery = settings.ChannelSnapshotEvery };

    /// <summary>Before "chain-{id}": a cluster's journal holds many runs, and many attempts of one.</summary>
    public string JournalPrefix => $"run-{Instance}/";

    /// <summary>The relayed windows between two snapshots of a channel (0: its default; see NetworkSettings).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int ChannelSnapshotEvery { get; init; }

    /// <summary>A test setting: what the hop from an entity or the clock to the regions does to messages (none by default).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public HopFault Hop { get; init; }
}
