using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>meta-staking's <c>attributed_rewards</c> event: validator, rewards.</summary>
internal sealed class AttributedRewardsFields(string validator, Amount rewards) : EventFields
{
    public static Event Event(string validator, Amount rewards) =>
        new(MetaStakingEvents.AttributedRewards, new AttributedRewardsFields(validator, rewards));

    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(MetaStakingEvents.ValidatorKey, validator),
        1 => new(MetaStakingEvents.RewardsKey, rewards),
        _ => throw Beyond(index, Count),
    };
}
