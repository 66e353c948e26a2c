namespace MeshSecurity.Core.Ibc;

/// <summary>One end of a channel with its sequences (ICS-004).</summary>
public sealed record ChannelEnd(
    IbcEndpoint Endpoint,
    ChannelState State,
    IbcOrder Order,
    IbcEndpoint Counterparty,
    string ConnectionId,
    string Version,
    ulong NextSequenceSend,
    ulong NextSequenceRecv,
    ulong NextSequenceAck)
{
    public IbcChannel ToChannel() => new(Endpoint, Counterparty, Order, Version, ConnectionId);
}
