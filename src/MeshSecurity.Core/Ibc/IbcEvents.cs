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

    public static Event Packet(string type, IbcPacket p) => new(type, p, []);

    /// <summary>write_acknowledgement: the packet's attributes, then the acknowledgement's bytes (as hex) and success.</summary>
    public static Event WriteAck(IbcPacket p, byte[] ack, bool success) =>
        new(WriteAcknowledgement, p, new WriteAckFields(ack, success));

    /// <summary>acknowledge_packet: the packet's attributes, then whether the acknowledgement was a success.</summary>
    public static Event Acknowledge(IbcPacket p, bool success) => new(AcknowledgePacket, p, success ? Succeeded : Failed);

    // an event never writes into its attributes, so the two possible tails are shared by every acknowledge_packet
    private static readonly EventAttribute[] Succeeded = [new(AckSuccess, true)];
    private static readonly EventAttribute[] Failed = [new(AckSuccess, false)];

    /// <summary>How many attributes ibc-go gives a packet (<see cref="PacketAttribute"/>).</summary>
    public const int PacketAttributeCount = 8;

    /// <summary>
    /// The attribute at <paramref name="index"/> (0 to 7) of the eight ibc-go gives a packet, typed: a packet event
    /// reads them from its packet where asked for, without an array (<see cref="Event.AttributeAt"/>).
    /// </summary>
    public static EventAttribute PacketAttribute(IbcPacket p, int index) => index switch
    {
        0 => new("packet_src_port", p.Source.PortId),
        1 => new("packet_src_channel", p.Source.ChannelId),
        2 => new("packet_dst_port", p.Destination.PortId),
        3 => new("packet_dst_channel", p.Destination.ChannelId),
        4 => new("packet_sequence", p.Sequence),
        5 => new("packet_timeout_height", p.Timeout.Height ?? 0),
        6 => new("packet_timeout_timestamp", p.Timeout.Time?.Nanos ?? 0),
        7 => new("packet_data_hex", AttributeValue.Hex(p.Data)),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "a packet has eight attributes"),
    };

    /// <summary>A channel event: the channel end's six attributes, read from it where asked for (<see cref="ChannelFields"/>).</summary>
    public static Event Channel(string type, ChannelEnd end) => ChannelFields.Event(type, end);

    /// <summary>The packet of a packet event: the one it carries, or rebuilt from the attributes of one read back from JSON.</summary>
    public static IbcPacket ToPacket(Event e)
    {
        if (e.Packet is { } attached) return attached;
        ulong U(string k) => e.ValueOf(k)?.AsUnsigned() ?? 0;
        var height = U("packet_timeout_height");
        var time = U("packet_timeout_timestamp");
        return new IbcPacket(
            new IbcEndpoint(e.Get("packet_src_port")!, e.Get("packet_src_channel")!),
            new IbcEndpoint(e.Get("packet_dst_port")!, e.Get("packet_dst_channel")!),
            U("packet_sequence"),
            e.ValueOf("packet_data_hex")?.AsBytes() ?? [],
            new IbcTimeout(height == 0 ? null : height, time == 0 ? null : new Timestamp(time)));
    }
}
