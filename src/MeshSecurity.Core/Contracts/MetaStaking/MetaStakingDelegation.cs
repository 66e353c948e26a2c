using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>meta-staking's delegate and undelegate, called by mesh-consumer contracts.</summary>
public sealed partial class MetaStakingContract
{
    /// <summary>
    /// Registered consumers only. Credits the rewards the chain has accrued on the validator (the delegation change would
    /// withdraw them), settles the pair, then delegates from the contract's balance within the consumer's cap (M1).
    /// The validator is not checked here: the chain refuses an unknown one, and that fails this call.
    /// </summary>
    private static (MetaStakingState, Response) Delegate(ContractContext ctx, Addr consumer, MetaStakingState state, string validator, Amount amount)
    {
        var info = state.Consumers.GetValueOrDefault(consumer) ?? throw new MetaStakingError.Unauthorized().Raise();
        if (info.TotalStaked + amount > info.AvailableFunds) throw new MetaStakingError.NoFundsToDelegate().Raise();

        var (next, response) = AttributeAccrued(ctx, state, validator, Response.Empty);
        var stake = (next.StakeOf(consumer, validator) ?? MetaStakingState.Stake.None).Settle(next.Rpt(validator));
        next = next
            .WithStake(consumer, validator, stake with { Delegated = stake.Delegated + amount })
            .WithConsumer(consumer, info with { TotalStaked = info.TotalStaked + amount });
        response = response
            .AddMessage(new CosmosMsg.StakingDelegate(new Addr(validator), new Coin(state.Config.Denom, amount)))
            .AddAttribute(MetaStakingEvents.ActionKey, MetaStakingEvents.Delegate)
            .AddAttribute(MetaStakingEvents.ConsumerKey, consumer.Value)
            .AddAttribute(MetaStakingEvents.ValidatorKey, validator)
            .AddAttribute(MetaStakingEvents.AmountKey, amount);
        return (next, response);
    }

    /// <summary>
    /// Lowers the consumer's record exactly by <paramref name="amount"/> (entries at zero are kept: they may hold rewards).
    /// The real undelegation is <see cref="RealShare"/> of it, which differs only after a chain slash.
    /// </summary>
    private static (MetaStakingState, Response) Undelegate(ContractContext ctx, Addr consumer, MetaStakingState state, string validator, Amount amount)
    {
        var info = state.Consumers.GetValueOrDefault(consumer) ?? throw new MetaStakingError.NoConsumer().Raise();
        var old = state.StakeOf(consumer, validator) ?? throw new MetaStakingError.NoDelegationsForValidator().Raise();
        if (amount > old.Delegated || amount > info.TotalStaked) throw new MetaStakingError.InsufficientDelegation().Raise();

        var real = RealShare(ctx, state, validator, amount);
        var (next, response) = AttributeAccrued(ctx, state, validator, Response.Empty);
        var stake = old.Settle(next.Rpt(validator));
        next = next
            .WithStake(consumer, validator, stake with { Delegated = stake.Delegated - amount })
            .WithConsumer(consumer, info with { TotalStaked = info.TotalStaked - amount });
        if (!real.IsZero)
            response = response.AddMessage(new CosmosMsg.StakingUndelegate(new Addr(validator), new Coin(state.Config.Denom, real)));
        response = response
            .AddAttribute(MetaStakingEvents.ActionKey, MetaStakingEvents.Undelegate)
            .AddAttribute(MetaStakingEvents.ConsumerKey, consumer.Value)
            .AddAttribute(MetaStakingEvents.ValidatorKey, validator)
            .AddAttribute(MetaStakingEvents.AmountKey, real);
        return (next, response);
    }

    /// <summary>
    /// How many real tokens to undelegate for <paramref name="amount"/> of the records on a validator. Normally the amount;
    /// after a chain slash the delegation is worth less than the records, so the loss is shared pro rata:
    /// floor(amount × real / recorded), and all of the real delegation when the records are emptied. Never more than real.
    /// </summary>
    private static Amount RealShare(ContractContext ctx, MetaStakingState state, string validator, Amount amount)
    {
        var recorded = state.TotalOn(validator);
        var real = ctx.Querier.Delegation(ctx.Self, new Addr(validator))?.Tokens ?? Amount.Zero;
        if (real >= recorded) return Amount.Min(amount, real);
        return amount == recorded ? real : amount.MultiplyRatio(real, recorded);
    }
}
