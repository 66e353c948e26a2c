using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>meta-staking's delegate and undelegate, called by mesh-consumer contracts.</summary>
public sealed partial class MetaStakingContract
{
    /// <summary>
    /// Registered consumers only. Under over-cap = normalise the amount is added to the consumer's request and its
    /// delegations are rebalanced (MetaStakingCap.cs). Otherwise (the seed) it must fit the cap, when one is set
    /// (CapExceeded), and the consumer's funds (M1); it is then delegated from the contract's balance.
    /// The validator is not checked here: the chain refuses an unknown one, and that fails this call.
    /// </summary>
    private static (MetaStakingState, Response) Delegate(ContractContext ctx, Addr consumer, MetaStakingState state, string validator, Amount amount)
    {
        var info = state.Consumers.GetValueOrDefault(consumer) ?? throw new MetaStakingError.Unauthorized().Raise();
        if (info.Cap is { IsZero: true }) throw new MetaStakingError.CapExceeded(Amount.Zero, info.TotalStaked + amount).Raise();
        if (state.Config.Managed) return Request(ctx, state, consumer, info, validator, amount);
        if (info.OverCap == OverCapPolicy.Normalise)
            return Rebalance(ctx, state.WithRequest(consumer, validator, state.RequestOf(consumer, validator) + amount), consumer,
                Moved(MetaStakingEvents.Delegate, consumer, validator, amount));
        if (info.Cap is { } cap && CapLimit(ctx, state, consumer, cap) is var limit && info.TotalStaked + amount > limit)
            throw new MetaStakingError.CapExceeded(limit, info.TotalStaked + amount).Raise();
        if (info.TotalStaked + amount > info.AvailableFunds) throw new MetaStakingError.NoFundsToDelegate().Raise();

        var (next, response) = AddDelegation(ctx, state, consumer, validator, amount, Response.Empty);
        return (next, response.AddAttributes(Moved(MetaStakingEvents.Delegate, consumer, validator, amount)));
    }

    /// <summary>
    /// Lowers the consumer's record exactly by <paramref name="amount"/> (entries at zero are kept: they may hold rewards).
    /// The real undelegation is <see cref="RealShare"/> of it, which differs only after a chain slash. Under over-cap =
    /// normalise it lowers the request instead (InsufficientDelegation past it) and rebalances.
    /// </summary>
    private static (MetaStakingState, Response) Undelegate(ContractContext ctx, Addr consumer, MetaStakingState state, string validator, Amount amount)
    {
        var info = state.Consumers.GetValueOrDefault(consumer) ?? throw new MetaStakingError.NoConsumer().Raise();
        if (state.KeepsRequests(consumer))
        {
            var request = state.RequestOf(consumer, validator);
            if (request.IsZero && state.StakeOf(consumer, validator) is null)
                throw new MetaStakingError.NoDelegationsForValidator().Raise();
            if (amount > request) throw new MetaStakingError.InsufficientDelegation().Raise();
            var lowered = state.WithRequest(consumer, validator, request - amount);
            var moved = Moved(MetaStakingEvents.Undelegate, consumer, validator, amount);
            return state.Config.Managed ? AfterRequest(ctx, lowered, moved) : Rebalance(ctx, lowered, consumer, moved);
        }
        var old = state.StakeOf(consumer, validator) ?? throw new MetaStakingError.NoDelegationsForValidator().Raise();
        if (amount > old.Delegated || amount > info.TotalStaked) throw new MetaStakingError.InsufficientDelegation().Raise();

        var real = RealShare(ctx, state, validator, amount);
        var (next, response) = RemoveDelegation(ctx, state, consumer, validator, amount, Response.Empty);
        return (next, response.AddAttributes(Moved(MetaStakingEvents.Undelegate, consumer, validator, real)));
    }

    /// <summary>Credits accrued rewards, settles the pair and delegates <paramref name="amount"/> more for the consumer.</summary>
    private static (MetaStakingState, Response) AddDelegation(
        ContractContext ctx, MetaStakingState state, Addr consumer, string validator, Amount amount, Response response)
    {
        var info = state.Consumers[consumer];
        (var next, response) = AttributeAccrued(ctx, state, validator, response);
        var stake = next.StakeOf(consumer, validator) ?? MetaStakingState.Stake.None;
        next = next.WithStakeOf(consumer, validator, stake.SettledAt(next.Rpt(validator), stake.Delegated + amount),
            info with { TotalStaked = info.TotalStaked + amount });
        return (next, response.AddMessage(new CosmosMsg.StakingDelegate(new Addr(validator), new Coin(state.Config.Denom, amount))));
    }

    /// <summary>
    /// Credits accrued rewards, settles the pair and lowers its record by <paramref name="amount"/> (real: <see cref="RealShare"/>).
    /// </summary>
    private static (MetaStakingState, Response) RemoveDelegation(
        ContractContext ctx, MetaStakingState state, Addr consumer, string validator, Amount amount, Response response)
    {
        var info = state.Consumers[consumer];
        var real = RealShare(ctx, state, validator, amount);
        (var next, response) = AttributeAccrued(ctx, state, validator, response);
        var stake = next.StakeOf(consumer, validator)!;
        next = next.WithStakeOf(consumer, validator, stake.SettledAt(next.Rpt(validator), stake.Delegated - amount),
            info with { TotalStaked = info.TotalStaked - amount });
        if (!real.IsZero)
            response = response.AddMessage(new CosmosMsg.StakingUndelegate(new Addr(validator), new Coin(state.Config.Denom, real)));
        return (next, response);
    }

    private static (string Key, AttributeValue Value)[] Moved(string action, Addr consumer, string validator, Amount amount) =>
    [
        (MetaStakingEvents.ActionKey, action),
        (MetaStakingEvents.ConsumerKey, consumer.Value),
        (MetaStakingEvents.ValidatorKey, validator),
        (MetaStakingEvents.AmountKey, amount),
    ];

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
