namespace MeshSecurity.Core.Apis;

/// <summary>Success ack payloads of <see cref="ConsumerPacket"/>s, written by the provider.</summary>
public static class ConsumerPacketAck
{
    public sealed record UpdateValidators;

    public sealed record Rewards;

    public sealed record InternalUnstake;
}
