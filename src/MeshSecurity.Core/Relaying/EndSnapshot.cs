using System.Collections.Immutable;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// A copy of what a relayer clearing packets reads of one channel end: the chain's header, the end itself, the packets
/// committed on it and not yet acknowledged or timed out, and the receipts and acknowledgements it wrote and still keeps.
/// </summary>
public sealed record EndSnapshot(
    ClientHeader Header,
    ChannelEnd? End,
    ImmutableArray<IbcPacket> Pending,
    ImmutableSortedSet<ulong> Receipts,
    ImmutableSortedDictionary<ulong, byte[]> Acks)
{
    /// <summary>
    /// Reads the snapshot of the end (<paramref name="port"/>, <paramref name="channel"/>) from a chain's committed state.
    /// </summary>
    public static EndSnapshot Of(ChainState state, string port, string channel)
    {
        var ibc = state.Ibc;
        var first = new PacketKey(port, channel, 0);
        var receipts = ImmutableSortedSet.CreateBuilder<ulong>();
        foreach (var key in ibc.Receipts.Keys.SkipWhile(k => PacketKey.Comparer.Compare(k, first) < 0))
        {
            if (key.PortId != port || key.ChannelId != channel) break;
            receipts.Add(key.Sequence);
        }
        var acks = ImmutableSortedDictionary.CreateBuilder<ulong, byte[]>();
        foreach (var (key, ack) in ibc.Acks.SkipWhile(kv => PacketKey.Comparer.Compare(kv.Key, first) < 0))
        {
            if (key.PortId != port || key.ChannelId != channel) break;
            acks[key.Sequence] = ack;
        }
        return new EndSnapshot(ChainGenesis.HeaderOf(state), ibc.Channel(port, channel), [.. ibc.PendingPackets(port, channel)],
            receipts.ToImmutable(), acks.ToImmutable()) { ReceiptMark = ibc.ReceiptMark(port, channel) };
    }

    /// <summary>
    /// Every sequence below it counts as received (<see cref="IbcState.ReceiptMarks"/>); <see cref="Receipts"/> are above it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public ulong ReceiptMark { get; init; }

    public bool HasReceived(IbcPacket p) =>
        End is { Order: IbcOrder.Ordered } end
            ? end.NextSequenceRecv > p.Sequence
            : p.Sequence < ReceiptMark || Receipts.Contains(p.Sequence);
}
