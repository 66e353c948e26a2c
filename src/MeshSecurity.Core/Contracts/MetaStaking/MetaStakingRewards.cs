using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>
/// meta-staking's rewards: the "points" scheme per validator (rpt_v) with one accumulator per (consumer, validator) (B5).
/// Settlement points: delegate, undelegate, withdraw_to_costumer. Only the bond denom is counted.
/// </summary>
public sealed partial class MetaStakingContract
{
    /// <summary>
    /// Anyone: withdraws the contract's rewards on a validator into its balance and credits them to the consumers by
    /// their delegations there (rpt_v += floor18(reward / Σ_c delegated)).
    /// </summary>
    private static (MetaStakingState, Response) WithdrawDelegatorReward(ContractContext ctx, MetaStakingState state, string validator)
    {
        var delegation = ctx.Querier.Delegation(ctx.Self, new Addr(validator));
        var total = state.TotalOn(validator);
        if (delegation is null || total.IsZero) throw new MetaStakingError.NoDelegationsForValidator().Raise();
        var reward = delegation.AccumulatedRewards.AmountOf(state.Config.Denom);
        if (reward.IsZero) throw new MetaStakingError.ZeroRewardsToSend().Raise();

        var next = state.Credit(validator, reward, total);
        return (next, Response.Empty
            .AddMessage(new CosmosMsg.DistributionWithdrawReward(new Addr(validator)))
            .AddAttribute(MetaStakingEvents.ActionKey, MetaStakingEvents.WithdrawDelegatorReward)
            .AddAttribute(MetaStakingEvents.ValidatorKey, validator)
            .AddAttribute(MetaStakingEvents.RewardsKey, reward)
            .AddAttribute(MetaStakingEvents.RewardsPerTokenKey, next.Rpt(validator)));
    }

    /// <summary>
    /// Anyone: settles the (consumer, validator) pair and sends the whole part of its pending rewards to the consumer
    /// contract as mesh_consumer_recieve_rewards_msg {validator}; the fraction stays pending. A refusal by the consumer
    /// (e.g. no channel) fails this call, so the rewards stay here.
    /// </summary>
    private static (MetaStakingState, Response) WithdrawToCustomer(ContractContext ctx, MetaStakingState state, string consumerAddress, string validator)
    {
        var consumer = ctx.Validate(consumerAddress);
        if (!state.Consumers.ContainsKey(consumer)) throw new MetaStakingError.NoConsumer().Raise();
        var stake = (state.StakeOf(consumer, validator) ?? throw new MetaStakingError.NoDelegationsForValidator().Raise())
            .Settle(state.Rpt(validator));
        var payout = stake.Pending.ToAmountFloor();
        if (payout.IsZero) throw new MetaStakingError.ZeroRewardsToSend().Raise();

        var next = state.WithStake(consumer, validator, stake with { Pending = stake.Pending.Fraction() });
        var call = new CosmosMsg.WasmExecute(consumer, new ConsumerMsg.Execute.ReceiveRewards(validator), Coins.Of(state.Config.Denom, payout));
        return (next, Response.Empty
            .AddMessage(call)
            .AddAttribute(MetaStakingEvents.ActionKey, MetaStakingEvents.WithdrawToCustomer)
            .AddAttribute(MetaStakingEvents.ConsumerKey, consumer.Value)
            .AddAttribute(MetaStakingEvents.ValidatorKey, validator)
            .AddAttribute(MetaStakingEvents.AmountKey, payout));
    }

    /// <summary>
    /// Before a delegation change on a validator: the chain would auto-withdraw the accrued rewards into the balance
    /// unattributed (the seed's TODO), so credit them first over the weights before the change and withdraw them
    /// explicitly (the message goes first in the response). No-op when nothing accrued or nobody is delegated there.
    /// </summary>
    private static (MetaStakingState, Response) AttributeAccrued(ContractContext ctx, MetaStakingState state, string validator, Response response)
    {
        var reward = ctx.Querier.Delegation(ctx.Self, new Addr(validator))?.AccumulatedRewards.AmountOf(state.Config.Denom) ?? Amount.Zero;
        var total = state.TotalOn(validator);
        if (reward.IsZero || total.IsZero) return (state, response);
        return (state.Credit(validator, reward, total), response
            .AddMessage(new CosmosMsg.DistributionWithdrawReward(new Addr(validator)))
            .AddEvent(AttributedRewardsFields.Event(validator, reward)));
    }
}
