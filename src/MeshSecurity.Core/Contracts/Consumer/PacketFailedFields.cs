using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// mesh-consumer's <c>mesh_consumer_packet_failed</c> event: the packet's family, the error's kind and message, and the validator
/// when the packet named one (rewards, internal unstake).
/// </summary>
internal sealed class PacketFailedFields(string packet, ConsumerError error, string? validator) : EventFields
{
    public static Event Event(string packet, ConsumerError error, string? validator = null) =>
        new(ConsumerEvents.PacketFailed, new PacketFailedFields(packet, error, validator));

    public override int Count => validator is null ? 3 : 4;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(ConsumerEvents.PacketKey, packet),
        1 => new(ConsumerEvents.KindKey, error.Kind),
        2 => new(ConsumerEvents.ErrorKey, error is ConsumerError.AckFailed a ? $"{error.Message}: {a.Error}" : error.Message),
        3 when validator is not null => new(ConsumerEvents.ValidatorKey, validator),
        _ => throw Beyond(index, Count),
    };
}
