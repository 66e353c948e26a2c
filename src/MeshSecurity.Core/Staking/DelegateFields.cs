using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>The staking module's <c>delegate</c> event: validator, delegator, amount (with its denom), new shares.</summary>
internal sealed class DelegateFields(Addr validator, Addr delegator, string amount, Dec newShares) : EventFields
{
    public static Event Event(Addr validator, Addr delegator, string amount, Dec newShares) =>
        new(StakingEvents.Delegate, new DelegateFields(validator, delegator, amount, newShares));

    public override int Count => 4;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(StakingEvents.ValidatorKey, validator.Value),
        1 => new(StakingEvents.DelegatorKey, delegator.Value),
        2 => new(StakingEvents.AmountKey, amount),
        3 => new(StakingEvents.NewSharesKey, newShares),
        _ => throw Beyond(index, Count),
    };
}
