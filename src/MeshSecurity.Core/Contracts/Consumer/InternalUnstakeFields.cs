using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>mesh-consumer's <c>send_internal_unstake</c> event, one per validator an eviction sends back: validator, amount.</summary>
internal sealed class InternalUnstakeFields(string validator, Amount amount) : EventFields
{
    public static Event Event(string validator, Amount amount) =>
        new(ConsumerEvents.SendInternalUnstake, new InternalUnstakeFields(validator, amount));

    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(ConsumerEvents.ValidatorKey, validator),
        1 => new(ConsumerEvents.AmountKey, amount),
        _ => throw Beyond(index, Count),
    };
}
