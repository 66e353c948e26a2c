using Akka.Actor;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Routing;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Network;

public sealed partial class MeshNetwork
{
    /// <summary>
    /// On a cluster: moves a chain to a member (null: the next one), answering whether it moved and "from -> to" or why not.
    /// </summary>
    private Func<string, string?, Task<(bool Moved, string Said)>>? _moveChain;

    /// <summary>
    /// Hand-offs so far, for their holds' ids: a counter of their own, as one shared with the transactions' ids moved every
    /// later id of a single-node run (a cluster's hand-off holds nothing here), and its history with them.
    /// </summary>
    private long _handOffs;

    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Member, TimeSpan ClockStood)> _leaves = new();

    /// <summary>
    /// On a cluster: each member that left gracefully and was carried on in place, and how long the run's clock stood for it,
    /// from the hold between windows to the release the clock took on the members left
    /// (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md).
    /// </summary>
    public IReadOnlyList<(string Member, TimeSpan ClockStood)> LeavesCarriedOn => [.. _leaves];

    /// <summary>Tells this network a member's leave was carried on (its driver's member watch does).</summary>
    internal void CarriedOn(string member, TimeSpan clockStood) => _leaves.Enqueue((member, clockStood));

    /// <summary>True when attached to a cluster some of whose members journal in memory: no chain can move between them.</summary>
    public bool MembersJournalInMemory { get; private set; }

    /// <summary>How a cluster driver moves chains between members (Cluster.ShardMove), and whether any member journals in memory.</summary>
    internal void MoveChainsWith(bool memoryJournal, Func<string, string?, Task<(bool Moved, string Said)>> move) =>
        (MembersJournalInMemory, _moveChain) = (memoryJournal, move);

    /// <summary>
    /// shard.handoff between windows. On the node that hosts the chains, in place: with the clock held, the chain is
    /// handed off as its shard would hand it off (<see cref="HandOffChain"/>: it journals what it took in since its last
    /// block and stops), then started again at once, rebuilding itself from its snapshot and journal; messages for it
    /// meanwhile wait and go to the new incarnation (<paramref name="member"/> is not used). Attached to a cluster, the
    /// chain's shard moves to <paramref name="member"/> (or the next member) the same way `meshsec chaos shard.handoff`
    /// moves it. Emulated time does not move either way, so the history is unchanged. Answers whether the chain was handed
    /// off, and on a cluster "from -> to" or why it was not.
    /// </summary>
    public async Task<(bool Moved, string? Said)> HandOffChainAsync(string chainId, string? member = null)
    {
        if (NodeClock.IsNobody())
        {
            if (_moveChain is null) throw new InvalidOperationException("this network's chains are on a cluster it cannot move them on");
            return await _moveChain(chainId, member);
        }
        var hold = new ClockCommand.Hold($"shard.handoff {chainId} {Interlocked.Increment(ref _handOffs)}");
        await AskClock(hold);
        try
        {
            await ChainRegion.Ask<EntityParent.HandedOff>(new EntityParent.HandOff(chainId, HandOffChain.Instance), AskTimeout);
            return (true, null);
        }
        finally
        {
            await AskClock(new ClockCommand.Release(hold.Id));
        }
    }
}
