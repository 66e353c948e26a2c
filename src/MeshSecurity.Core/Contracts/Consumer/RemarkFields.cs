using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>mesh-consumer's <c>remark</c> event, one per validator whose stake was valued again: validator, value before, after.</summary>
internal sealed class RemarkFields(string validator, Amount before, Amount after) : EventFields
{
    public static Event Event(string validator, Amount before, Amount after) =>
        new(ConsumerEvents.Remark, new RemarkFields(validator, before, after));

    public override int Count => 3;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(ConsumerEvents.ValidatorKey, validator),
        1 => new(ConsumerEvents.BeforeKey, before),
        2 => new(ConsumerEvents.AfterKey, after),
        _ => throw Beyond(index, Count),
    };
}
