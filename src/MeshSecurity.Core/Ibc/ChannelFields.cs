using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>The IBC module's channel events (open and close steps, <c>channel_closed</c>): the six attributes of the channel end.</summary>
internal sealed class ChannelFields(ChannelEnd end) : EventFields
{
    public static Event Event(string type, ChannelEnd end) => new(type, new ChannelFields(end));

    public override int Count => 6;

    public override EventAttribute At(int index) => index switch
    {
        0 => new("port_id", end.Endpoint.PortId),
        1 => new("channel_id", end.Endpoint.ChannelId),
        2 => new("counterparty_port_id", end.Counterparty.PortId),
        3 => new("counterparty_channel_id", end.Counterparty.ChannelId),
        4 => new("connection_id", end.ConnectionId),
        5 => new("version", end.Version),
        _ => throw Beyond(index, Count),
    };
}
