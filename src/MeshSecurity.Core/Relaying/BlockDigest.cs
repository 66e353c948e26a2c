using System.Collections.Immutable;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// A block as one relayer needs it: the chain's header after the block, that channel end's packet events, and the
/// outcomes of the relayer's own transactions in it. Never the block result or the chain's state.
/// </summary>
public sealed record BlockDigest(
    string ChainId, ClientHeader Header, ImmutableArray<PacketEvent> Events, ImmutableArray<RelayTxOutcome> Outcomes)
{
    public ulong Height => Header.Height;

    /// <summary>
    /// Cuts the digest of <paramref name="block"/> for the channel end <paramref name="end"/> (null while its channel id is
    /// not known: only the header and outcomes then), keeping the transactions <paramref name="isOwn"/> accepts.
    /// </summary>
    public static BlockDigest Of(BlockResult block, ClientHeader header, IbcEndpoint? end, Func<TxResult, bool> isOwn)
    {
        var outcomes = ImmutableArray.CreateBuilder<RelayTxOutcome>();
        foreach (var tx in block.TxResults)
            if (isOwn(tx)) outcomes.Add(new RelayTxOutcome(tx.TxId, tx.Error?.ToString(), [.. tx.MsgData.Select(d => d as string ?? "")]));
        var events = ImmutableArray.CreateBuilder<PacketEvent>();
        if (end is { } e)
            foreach (var ev in block.AllEvents)
                if (EventOf(ev, e) is { } pe) events.Add(pe);
        return new BlockDigest(block.ChainId, header, events.ToImmutable(), outcomes.ToImmutable());
    }

    private static PacketEvent? EventOf(Types.Event ev, IbcEndpoint end)
    {
        PacketEvent? Packet(PacketEventKind kind, bool atSource, byte[]? ack = null)
        {
            var p = IbcEvents.ToPacket(ev);
            return (atSource ? p.Source : p.Destination) == end ? new PacketEvent(kind, p, ack) : null;
        }
        return ev.Type switch
        {
            IbcEvents.SendPacket => Packet(PacketEventKind.Send, atSource: true),
            IbcEvents.RecvPacket => Packet(PacketEventKind.Receive, atSource: false),
            IbcEvents.WriteAcknowledgement =>
                Packet(PacketEventKind.WriteAck, atSource: false, Convert.FromHexString(ev.Get(IbcEvents.AckHex)!)),
            IbcEvents.AcknowledgePacket => Packet(PacketEventKind.Acknowledge, atSource: true),
            IbcEvents.TimeoutPacket => Packet(PacketEventKind.Timeout, atSource: true),
            IbcEvents.ChannelClosed or IbcEvents.ChannelCloseInit or IbcEvents.ChannelCloseConfirm
                when ev.Get("port_id") == end.PortId && ev.Get("channel_id") == end.ChannelId =>
                    new PacketEvent(PacketEventKind.ChannelClosed, null),
            _ => null,
        };
    }
}
