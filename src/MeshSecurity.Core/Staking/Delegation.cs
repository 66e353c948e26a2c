using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// A delegator's shares of one validator, with its reward bookkeeping: <see cref="PaidRewardsPerShare"/> is the
/// validator's RewardsPerShare when the delegation was last settled, <see cref="PendingRewards"/> what was settled but
/// not yet paid (only a fraction below one token after a payout).
/// </summary>
public sealed record Delegation(Addr Delegator, Addr Validator, Dec Shares, Dec PaidRewardsPerShare, Dec PendingRewards)
{
    public DelegationKey Key => new(Delegator, Validator);
}
