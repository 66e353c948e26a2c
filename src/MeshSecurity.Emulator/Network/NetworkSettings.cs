using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// A network run's settings: the seed every random draw derives from, the clock's speed, the genesis time all
/// chains start at, and where chains run contract code (<c>contracts.execution</c>: inline by default, or in each
/// instance's actor; the history is the same either way), and how many blocks apart each chain snapshots itself (0, the
/// default for an embedded network: never, and a chain recovers from its whole journal; a scenario run takes
/// <see cref="ChainActor.DefaultSnapshotEvery"/>, with the snapshot store its journal settings configure); and whether
/// chains start from genesis whatever snapshots they have (a resumed run, which checks every block of the journal); and
/// the emulated time the clock starts at when a resumed run starts from a checkpoint's cut instead (null: genesis).
/// </summary>
public sealed record NetworkSettings(string Seed = "mesh", ClockSettings? Clock = null, Timestamp? GenesisTime = null,
    ContractExecution Contracts = ContractExecution.Inline, ulong SnapshotEvery = 0, bool ReplayFromGenesis = false,
    Timestamp? ClockStart = null)
{
    /// <summary>
    /// On a cluster, the relayed windows between two snapshots of a channel, which journals its inputs there
    /// (docs/decisions/0017); 0: <see cref="Channels.ChannelActor.DefaultSnapshotEvery"/>. A single node's channels journal nothing.
    /// </summary>
    public int ChannelSnapshotEvery { get; init; }

    public ClockSettings EffectiveClock => Clock ?? ClockSettings.Max;
    public Timestamp EffectiveGenesisTime => GenesisTime ?? Timestamp.FromSeconds(1_700_000_000);
}
