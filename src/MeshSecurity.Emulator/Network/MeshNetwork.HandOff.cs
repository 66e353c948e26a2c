using Akka.Actor;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Routing;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Network;

public sealed partial class MeshNetwork
{
    /// <summary>
    /// shard.handoff in place, on the node that hosts the chains: with the clock held between windows, the chain is
    /// handed off as its shard would hand it off (<see cref="HandOffChain"/>: it journals what it took in since its last
    /// block and stops), then started again at once, rebuilding itself from its snapshot and journal; messages for it
    /// meanwhile wait and go to the new incarnation. Emulated time does not move, so the history is unchanged. A
    /// cluster's chains are moved between members instead (`meshsec chaos shard.handoff`).
    /// </summary>
    public async Task HandOffChainAsync(string chainId)
    {
        if (NodeClock.IsNobody())
            throw new InvalidOperationException("a cluster's chains are handed off between members (meshsec chaos shard.handoff)");
        var hold = new ClockCommand.Hold($"shard.handoff {chainId} {Interlocked.Increment(ref _txCounter)}");
        await Clock.Ask<ClockStatus>(hold, AskTimeout);
        try
        {
            await ChainRegion.Ask<EntityParent.HandedOff>(new EntityParent.HandOff(chainId, HandOffChain.Instance), AskTimeout);
        }
        finally
        {
            await Clock.Ask<ClockStatus>(new ClockCommand.Release(hold.Id), AskTimeout);
        }
    }
}
