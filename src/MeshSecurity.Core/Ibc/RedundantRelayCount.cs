namespace MeshSecurity.Core.Ibc;

/// <summary>
/// Deliveries one channel end took as redundant relays (ibc-go's ErrNoOpMsg: the transaction succeeds, nothing changes and
/// no packet event is emitted): a receive of a packet already received, an acknowledgement or a timeout of a packet whose
/// commitment is already gone. Racing relayers (relayer.race) and duplicate submissions (relayer.duplicate) cost these.
/// </summary>
public sealed record RedundantRelayCount(long Receives = 0, long Acks = 0, long Timeouts = 0)
{
    public long Total => Receives + Acks + Timeouts;
}
