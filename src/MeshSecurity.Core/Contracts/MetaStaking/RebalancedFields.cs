using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>
/// meta-staking's <c>meta_staking_rebalanced</c> event, one per validator a cap moved: consumer, validator, requested,
/// delegated, limit.
/// </summary>
internal sealed class RebalancedFields(Addr consumer, string validator, Amount requested, Amount delegated, Amount limit) : EventFields
{
    public static Event Event(Addr consumer, string validator, Amount requested, Amount delegated, Amount limit) =>
        new(MetaStakingEvents.Rebalanced, new RebalancedFields(consumer, validator, requested, delegated, limit));

    public override int Count => 5;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(MetaStakingEvents.ConsumerKey, consumer.Value),
        1 => new(MetaStakingEvents.ValidatorKey, validator),
        2 => new(MetaStakingEvents.RequestedKey, requested),
        3 => new(MetaStakingEvents.DelegatedKey, delegated),
        4 => new(MetaStakingEvents.LimitKey, limit),
        _ => throw Beyond(index, Count),
    };
}
