using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>The staking module's <c>unjail</c> and <c>tombstone</c> events: the validator alone.</summary>
internal sealed class ValidatorFields(Addr validator) : EventFields
{
    public static Event Event(string type, Addr validator) => new(type, new ValidatorFields(validator));

    public override int Count => 1;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(StakingEvents.ValidatorKey, validator.Value),
        _ => throw Beyond(index, Count),
    };
}
