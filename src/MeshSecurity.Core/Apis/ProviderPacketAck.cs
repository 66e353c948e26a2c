using System.Collections.Immutable;

namespace MeshSecurity.Core.Apis;

/// <summary>Success ack payloads of <see cref="ProviderPacket"/>s, written by the consumer.</summary>
public static class ProviderPacketAck
{
    public sealed record ListValidators(ImmutableArray<string> Validators);

    public sealed record Stake;

    public sealed record Unstake;

    public sealed record Burn;
}
