using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Relaying;

/// <summary>One packet event of a relayer's channel, typed: the packet, and the acknowledgement a WriteAck carries.</summary>
public sealed record PacketEvent(PacketEventKind Kind, IbcPacket? Packet, byte[]? Ack = null);
