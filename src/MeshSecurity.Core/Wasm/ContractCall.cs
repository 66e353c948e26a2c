using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>One call of a contract entry point; the executor asks its driver to run these.</summary>
public abstract record ContractCall
{
    private ContractCall() { }

    public sealed record Instantiate(MessageInfo Info, object Msg) : ContractCall;
    public sealed record Execute(MessageInfo Info, object Msg) : ContractCall;
    public sealed record Sudo(object Msg) : ContractCall;
    public sealed record HandleReply(Reply Reply) : ContractCall;
    public sealed record ChannelOpen(IbcChannel Channel, string? CounterpartyVersion) : ContractCall;
    public sealed record ChannelConnect(IbcChannel Channel, string? CounterpartyVersion) : ContractCall;
    public sealed record ChannelClose(IbcChannel Channel) : ContractCall;
    public sealed record PacketReceive(IbcPacket Packet, Addr Relayer) : ContractCall;
    public sealed record PacketAck(IbcPacket Packet, Acknowledgement Ack, Addr Relayer) : ContractCall;
    public sealed record PacketTimeout(IbcPacket Packet, Addr Relayer) : ContractCall;

    public string EntryPoint => GetType().Name;
}
