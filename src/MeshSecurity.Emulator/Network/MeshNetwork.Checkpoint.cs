using Akka.Actor;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// The chains' part of a network checkpoint (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md): captured while
/// the clock stands, restored as the first message of each chain of a resumed network.
/// </summary>
public sealed partial class MeshNetwork
{
    /// <summary>
    /// Contract: the clock stands (no run of it is under way). Every chain's snapshot between blocks and the last
    /// journal record it covers, in chain id order; fails when a chain cannot be cut (it still re-produces its journal).
    /// </summary>
    public async Task<IReadOnlyList<ChainCheckpoint.Captured>> CaptureChainsAsync()
    {
        var asks = _chains.Keys.Select(id => ChainRegion.Ask<ChainCheckpoint.Captured>(new ChainCheckpoint.Capture(id), AskTimeout));
        return await Task.WhenAll(asks);
    }

    /// <summary>
    /// Contract: the first message to this chain of a network started with <see cref="NetworkSettings.ReplayFromGenesis"/>
    /// and the checkpoint's <see cref="NetworkSettings.ClockStart"/>. The chain takes its snapshot and is scheduled.
    /// </summary>
    public async Task<ChainReply.Ready> RestoreChainAsync(long sequenceNr, ChainSnapshot snapshot)
    {
        var id = snapshot.Definition.Config.ChainId;
        _chains[id] = snapshot.Definition;
        var ready = await ChainRegion.Ask<ChainReply.Ready>(new ChainCheckpoint.Restore(id, sequenceNr, snapshot), AskTimeout);
        await Clock.Ask<ClockStatus>(new ClockCommand.Register(id, ready.NextBlockAt), AskTimeout);
        return ready;
    }
}
