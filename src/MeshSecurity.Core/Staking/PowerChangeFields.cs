using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>The staking module's <c>power_change</c> event: validator, power, previous power.</summary>
internal sealed class PowerChangeFields(Addr validator, ulong power, ulong previous) : EventFields
{
    public static Event Event(Addr validator, ulong power, ulong previous) =>
        new(StakingEvents.PowerChange, new PowerChangeFields(validator, power, previous));

    public override int Count => 3;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(StakingEvents.ValidatorKey, validator.Value),
        1 => new(StakingEvents.PowerKey, power),
        2 => new(StakingEvents.PreviousPowerKey, previous),
        _ => throw Beyond(index, Count),
    };
}
