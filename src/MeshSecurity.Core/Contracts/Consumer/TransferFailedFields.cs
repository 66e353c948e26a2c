using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// mesh-consumer's <c>mesh_consumer_transfer_failed</c> event: validator, amount, sequence, the error's kind and
/// message.
/// </summary>
internal sealed class TransferFailedFields(ConsumerState.RewardsTransfer transfer, ulong sequence, ConsumerError error) : EventFields
{
    public static Event Event(ConsumerState.RewardsTransfer transfer, ulong sequence, ConsumerError error) =>
        new(ConsumerEvents.TransferFailed, new TransferFailedFields(transfer, sequence, error));

    public override int Count => 5;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(ConsumerEvents.ValidatorKey, transfer.Validator),
        1 => new(ConsumerEvents.AmountKey, transfer.Amount),
        2 => new(ConsumerEvents.SequenceKey, sequence),
        3 => new(ConsumerEvents.KindKey, error.Kind),
        4 => new(ConsumerEvents.ErrorKey, error.Message),
        _ => throw Beyond(index, Count),
    };
}
