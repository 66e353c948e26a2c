using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// The staking module's <c>withdraw_rewards</c> and <c>complete_unbonding</c> events: validator, delegator, amount
/// (with its denom).
/// </summary>
internal sealed class DelegationAmountFields(Addr validator, Addr delegator, string amount) : EventFields
{
    public static Event Event(string type, Addr validator, Addr delegator, string amount) =>
        new(type, new DelegationAmountFields(validator, delegator, amount));

    public override int Count => 3;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(StakingEvents.ValidatorKey, validator.Value),
        1 => new(StakingEvents.DelegatorKey, delegator.Value),
        2 => new(StakingEvents.AmountKey, amount),
        _ => throw Beyond(index, Count),
    };
}
