using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// Messages a relayer submits to the IBC module (ICS-002/003/004). Proofs are not cryptographic here: the relayer
/// carries the counterparty's state as read from it, and the module checks heights and times against its light
/// client (which the relayer must have updated first), so timeouts and ordering follow ICS-004.
/// </summary>
[ExternallyTagged]
public abstract record IbcRelayMsg
{
    private IbcRelayMsg() { }

    /// <summary>
    /// Creates a light client of a counterparty chain from its current header; <paramref name="MaxClockDriftSeconds"/>
    /// null (a message journaled before the rule) checks no drift.
    /// </summary>
    public sealed record CreateClient(
        ClientHeader Header,
        ulong TrustingPeriodSeconds,
        [property: System.Text.Json.Serialization.JsonIgnore(
            Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        ulong? MaxClockDriftSeconds = null) : IbcRelayMsg;

    /// <summary>Moves a light client to a newer header of its counterparty.</summary>
    public sealed record UpdateClient(string ClientId, ClientHeader Header) : IbcRelayMsg;

    public sealed record ConnectionOpenInit(string ClientId, string CounterpartyClientId) : IbcRelayMsg;

    public sealed record ConnectionOpenTry(string ClientId, string CounterpartyClientId, string CounterpartyConnectionId) : IbcRelayMsg;

    public sealed record ConnectionOpenAck(string ConnectionId, string CounterpartyConnectionId) : IbcRelayMsg;

    public sealed record ConnectionOpenConfirm(string ConnectionId) : IbcRelayMsg;

    public sealed record ChannelOpenInit(string PortId, string ConnectionId, string CounterpartyPortId, IbcOrder Order, string Version) : IbcRelayMsg;

    public sealed record ChannelOpenTry(
        string PortId, string ConnectionId, IbcEndpoint Counterparty, IbcOrder Order, string Version, string CounterpartyVersion) : IbcRelayMsg;

    public sealed record ChannelOpenAck(string PortId, string ChannelId, string CounterpartyChannelId, string CounterpartyVersion) : IbcRelayMsg;

    public sealed record ChannelOpenConfirm(string PortId, string ChannelId) : IbcRelayMsg;

    /// <summary>Closes this end after the counterparty end was closed.</summary>
    public sealed record ChannelCloseConfirm(string PortId, string ChannelId) : IbcRelayMsg;

    /// <summary>Delivers a packet committed on the counterparty at <paramref name="ProofHeight"/>.</summary>
    public sealed record RecvPacket(IbcPacket Packet, ulong ProofHeight, Addr Relayer) : IbcRelayMsg;

    /// <summary>Delivers the acknowledgement the counterparty wrote for one of this chain's packets.</summary>
    public sealed record AcknowledgePacket(IbcPacket Packet, byte[] Acknowledgement, ulong ProofHeight, Addr Relayer) : IbcRelayMsg;

    /// <summary>
    /// Proves that the destination, at <paramref name="ProofHeight"/>, had passed the packet's timeout without
    /// receiving it: no receipt (unordered) or next_sequence_recv ≤ sequence (ordered).
    /// </summary>
    public sealed record TimeoutPacket(IbcPacket Packet, ulong ProofHeight, bool ReceiptAbsent, ulong NextSequenceRecv, Addr Relayer) : IbcRelayMsg;

    /// <summary>
    /// ICS-004 timeoutOnClose: the destination's channel end is closed and never received the packet, so the packet
    /// can be timed out whatever its timeout.
    /// </summary>
    public sealed record TimeoutOnClose(IbcPacket Packet, ulong ProofHeight, bool ReceiptAbsent, ulong NextSequenceRecv, Addr Relayer) : IbcRelayMsg;
}
