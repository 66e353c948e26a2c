using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>The staking module's <c>jail</c> event: validator, jailed until (nanoseconds).</summary>
internal sealed class JailFields(Addr validator, Timestamp until) : EventFields
{
    public static Event Event(Addr validator, Timestamp until) => new(StakingEvents.Jail, new JailFields(validator, until));

    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(StakingEvents.ValidatorKey, validator.Value),
        1 => new(StakingEvents.JailedUntilKey, StakingModule.NanosString(until)),
        _ => throw Beyond(index, Count),
    };
}
