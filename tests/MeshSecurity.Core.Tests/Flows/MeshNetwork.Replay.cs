using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// A second relayer that resubmits what the first one already delivered, built from the chains' own events and stores
/// (as Hermes rebuilds packets from events): a RecvPacket the destination already received, an AcknowledgePacket or a
/// TimeoutPacket the source already processed. ICS-004 makes each a no-op.
/// </summary>
public sealed partial class MeshNetwork
{
    /// <summary>Every channel end of every link's two paths, with its counterparty: (source, destination).</summary>
    public IEnumerable<(Endpoint Source, Endpoint Destination)> Directions() =>
        Links.SelectMany(l => new[] { l.MeshPath, l.TransferPath })
            .SelectMany(p => new[] { (p.A, p.B), (p.B, p.A) });

    /// <summary>The last packet <paramref name="dst"/> received (from its recv_packet event), or null.</summary>
    public static IbcPacket? LastReceived(Endpoint dst) => LastPacketEvent(dst, e =>
        e.Type == IbcEvents.RecvPacket && e.Get("packet_dst_port") == dst.PortId && e.Get("packet_dst_channel") == dst.ChannelId);

    /// <summary>The last packet <paramref name="src"/> sent whose acknowledgement it processed, or null.</summary>
    public static IbcPacket? LastAcknowledged(Endpoint src) => LastPacketEvent(src, e =>
        e.Type == IbcEvents.AcknowledgePacket && e.Get("packet_src_port") == src.PortId && e.Get("packet_src_channel") == src.ChannelId);

    /// <summary>The last packet <paramref name="src"/> sent that timed out, or null.</summary>
    public static IbcPacket? LastTimedOut(Endpoint src) => LastPacketEvent(src, e =>
        e.Type == IbcEvents.TimeoutPacket && e.Get("packet_src_port") == src.PortId && e.Get("packet_src_channel") == src.ChannelId);

    private static IbcPacket? LastPacketEvent(Endpoint end, Func<Types.Event, bool> match) =>
        LastEvent(end, match) is { } e ? IbcEvents.ToPacket(e) : null;

    private static Types.Event? LastEvent(Endpoint end, Func<Types.Event, bool> match)
    {
        for (var i = end.Chain.Blocks.Count - 1; i >= 0; i--)
            if (end.Chain.Blocks[i].AllEvents.LastOrDefault(match) is { } e) return e;
        return null;
    }

    /// <summary>Delivers <paramref name="packet"/> to <paramref name="dst"/> again.</summary>
    public TxResult ReplayReceive(Endpoint dst, IbcPacket packet) =>
        Relayer(dst, new IbcRelayMsg.RecvPacket(packet, TrustedHeight(dst), dst.Relayer));

    /// <summary>
    /// Delivers to <paramref name="src"/> again the acknowledgement its counterparty wrote for <paramref name="packet"/>, as
    /// its write_acknowledgement event carried it (the chain drops it once the counterparty settled the packet).
    /// </summary>
    public TxResult ReplayAcknowledge(Endpoint src, Endpoint dst, IbcPacket packet)
    {
        var sequence = packet.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var written = LastEvent(dst, e => e.Type == IbcEvents.WriteAcknowledgement && e.Get("packet_dst_port") == dst.PortId
            && e.Get("packet_dst_channel") == dst.ChannelId && e.Get("packet_sequence") == sequence);
        var ack = written?.Get(IbcEvents.AckHex) is { } hex ? Convert.FromHexString(hex)
            : throw new InvalidOperationException($"{dst.Chain.ChainId} wrote no acknowledgement for {packet}");
        return Relayer(src, new IbcRelayMsg.AcknowledgePacket(packet, ack, TrustedHeight(src), src.Relayer));
    }

    /// <summary>Proves again to <paramref name="src"/> that <paramref name="packet"/> timed out.</summary>
    public TxResult ReplayTimeout(Endpoint src, Endpoint dst, IbcPacket packet) =>
        Relayer(src, new IbcRelayMsg.TimeoutPacket(packet, TrustedHeight(src), ReceiptAbsent: true,
            dst.Channel?.NextSequenceRecv ?? 1, src.Relayer));

    private TxResult Relayer(Endpoint e, IbcRelayMsg msg) => Coord.Execute(e.Chain, e.Relayer, new CosmosMsg.Relay(msg));

    /// <summary>The counterparty height <paramref name="e"/>'s light client trusts (a proof must be at or below it).</summary>
    private static ulong TrustedHeight(Endpoint e) => e.Chain.State.Ibc.ClientOfConnection(e.ConnectionId).LatestHeight;
}
