using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// The staking module's <c>unbond</c> event: validator, delegator, amount (with its denom), completion time
/// (nanoseconds).
/// </summary>
internal sealed class UnbondFields(Addr validator, Addr delegator, string amount, Timestamp completion) : EventFields
{
    public static Event Event(Addr validator, Addr delegator, string amount, Timestamp completion) =>
        new(StakingEvents.Unbond, new UnbondFields(validator, delegator, amount, completion));

    public override int Count => 4;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(StakingEvents.ValidatorKey, validator.Value),
        1 => new(StakingEvents.DelegatorKey, delegator.Value),
        2 => new(StakingEvents.AmountKey, amount),
        3 => new(StakingEvents.CompletionTimeKey, StakingModule.NanosString(completion)),
        _ => throw Beyond(index, Count),
    };
}
