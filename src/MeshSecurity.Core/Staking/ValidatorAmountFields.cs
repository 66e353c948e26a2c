using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>The staking module's <c>create_validator</c> and <c>rewards</c> events: validator, amount (with its denom).</summary>
internal sealed class ValidatorAmountFields(Addr validator, string amount) : EventFields
{
    public static Event Event(string type, Addr validator, string amount) => new(type, new ValidatorAmountFields(validator, amount));

    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(StakingEvents.ValidatorKey, validator.Value),
        1 => new(StakingEvents.AmountKey, amount),
        _ => throw Beyond(index, Count),
    };
}
