using System.Globalization;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// Event types and attributes of the IBC module, as ibc-go names them. A relayer rebuilds packets and acks from
/// them (<see cref="ToPacket"/>), as Hermes does from a chain's events.
/// </summary>
public static class IbcEvents
{
    public const string SendPacket = "send_packet";
    public const string RecvPacket = "recv_packet";
    public const string WriteAcknowledgement = "write_acknowledgement";
    public const string AcknowledgePacket = "acknowledge_packet";
    public const string TimeoutPacket = "timeout_packet";
    public const string ChannelOpenInit = "channel_open_init";
    public const string ChannelOpenTry = "channel_open_try";
    public const string ChannelOpenAck = "channel_open_ack";
    public const string ChannelOpenConfirm = "channel_open_confirm";
    public const string ChannelCloseInit = "channel_close_init";
    public const string ChannelCloseConfirm = "channel_close_confirm";
    public const string ChannelClosed = "channel_closed";
    public const string CreateClient = "create_client";
    public const string UpdateClient = "update_client";
    public const string ConnectionOpenInit = "connection_open_init";
    public const string ConnectionOpenTry = "connection_open_try";
    public const string ConnectionOpenAck = "connection_open_ack";
    public const string ConnectionOpenConfirm = "connection_open_confirm";

    public const string AckHex = "packet_ack_hex";
    public const string AckSuccess = "packet_ack_success";

    public static Event Packet(string type, IbcPacket p) => new(type,
        ("packet_src_port", p.Source.PortId),
        ("packet_src_channel", p.Source.ChannelId),
        ("packet_dst_port", p.Destination.PortId),
        ("packet_dst_channel", p.Destination.ChannelId),
        ("packet_sequence", p.Sequence.ToString(CultureInfo.InvariantCulture)),
        ("packet_timeout_height", (p.Timeout.Height ?? 0).ToString(CultureInfo.InvariantCulture)),
        ("packet_timeout_timestamp", (p.Timeout.Time?.Nanos ?? 0).ToString(CultureInfo.InvariantCulture)),
        ("packet_data_hex", HexOf(p.Data))) { Payload = p };

    // a packet's data travels as the same array from send to receive to acknowledgement: its hex is written once
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<byte[], string> Hex = new();

    private static string HexOf(byte[] data) => Hex.GetValue(data, static d => Convert.ToHexStringLower(d));

    public static Event Channel(string type, ChannelEnd end) => new(type,
        ("port_id", end.Endpoint.PortId),
        ("channel_id", end.Endpoint.ChannelId),
        ("counterparty_port_id", end.Counterparty.PortId),
        ("counterparty_channel_id", end.Counterparty.ChannelId),
        ("connection_id", end.ConnectionId),
        ("version", end.Version));

    /// <summary>Rebuilds the packet carried by a packet event.</summary>
    public static IbcPacket ToPacket(Event e)
    {
        if (e.Payload is IbcPacket attached) return attached;
        ulong U(string k) => ulong.Parse(e.Get(k) ?? "0", CultureInfo.InvariantCulture);
        var height = U("packet_timeout_height");
        var time = U("packet_timeout_timestamp");
        return new IbcPacket(
            new IbcEndpoint(e.Get("packet_src_port")!, e.Get("packet_src_channel")!),
            new IbcEndpoint(e.Get("packet_dst_port")!, e.Get("packet_dst_channel")!),
            U("packet_sequence"),
            Convert.FromHexString(e.Get("packet_data_hex") ?? ""),
            new IbcTimeout(height == 0 ? null : height, time == 0 ? null : new Timestamp(time)));
    }
}
