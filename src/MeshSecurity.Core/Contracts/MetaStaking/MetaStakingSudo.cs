using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>meta-staking's consumer registry, run by governance (sudo) or the admin (execute sudo).</summary>
public sealed partial class MetaStakingContract
{
    private static (MetaStakingState, Response) RunSudo(ContractContext ctx, MetaStakingState state, MetaStakingMsg.Sudo msg) => msg switch
    {
        MetaStakingMsg.Sudo.AddConsumer m => AddConsumer(ctx, state, ctx.Validate(m.ConsumerAddress), m),
        MetaStakingMsg.Sudo.SetCap m => SetCap(ctx, state, ctx.Validate(m.ConsumerAddress), m.Cap),
        MetaStakingMsg.Sudo.RemoveConsumer m => RemoveConsumer(ctx, state, ctx.Validate(m.ConsumerAddress)),
        _ => throw new Errors.StdError.Generic($"unknown sudo message {msg.GetType().Name}").Raise(),
    };

    /// <summary>
    /// B10: the funds are in the bond denom and reserved: Σ of every consumer's cap may not exceed what the contract
    /// holds (its balance plus its delegations' current value). A cap and an over-cap policy are kept as given.
    /// </summary>
    private static (MetaStakingState, Response) AddConsumer(
        ContractContext ctx, MetaStakingState state, Addr consumer, MetaStakingMsg.Sudo.AddConsumer m)
    {
        var funds = m.FundsAvailableForStaking;
        CheckCap(m.Cap);
        if (state.Consumers.ContainsKey(consumer)) throw new MetaStakingError.ConsumerAlreadyExists().Raise();
        if (funds.Denom != state.Config.Denom) throw new MetaStakingError.InvalidDenom(state.Config.Denom, funds.Denom).Raise();
        var reserved = state.Consumers.Values.Aggregate(funds.Amount, (sum, c) => sum + c.AvailableFunds);
        var held = state.Validators.Aggregate(
            ctx.Querier.Balance(ctx.Self, state.Config.Denom).Amount,
            (sum, v) => sum + (ctx.Querier.Delegation(ctx.Self, new Addr(v))?.Tokens ?? Amount.Zero));
        if (reserved > held) throw new MetaStakingError.NotEnoughFunds().Raise();

        var info = new MetaStakingState.ConsumerInfo(funds.Amount, Amount.Zero, m.Cap, m.OverCap ?? OverCapPolicy.Fail);
        var response = Response.Empty
            .AddAttribute(MetaStakingEvents.ActionKey, MetaStakingEvents.AddConsumer)
            .AddAttribute(MetaStakingEvents.ConsumerKey, consumer.Value)
            .AddAttribute(MetaStakingEvents.AmountKey, funds);
        // attributes only when given, so a consumer without a cap is registered exactly as in the seed
        if (m.Cap is { } cap) response = response.AddAttribute(MetaStakingEvents.CapKey, Wire.ToJson(cap));
        if (m.OverCap is { } policy) response = response.AddAttribute(MetaStakingEvents.OverCapKey, Wire.ToJson(policy).Trim('"'));
        return (state.WithConsumer(consumer, info), response);
    }

    /// <summary>
    /// Unregisters a consumer and, unlike the seed (B10), does not leave its delegations behind: each is undelegated
    /// (accrued rewards credited first, the slash loss shared as in undelegate) and its records are dropped. Its unpaid
    /// rewards stay in the contract (reported as forfeited_rewards): paying a consumer that is being removed could fail
    /// and block the removal.
    /// </summary>
    private static (MetaStakingState, Response) RemoveConsumer(ContractContext ctx, MetaStakingState state, Addr consumer)
    {
        if (!state.Consumers.ContainsKey(consumer)) throw new MetaStakingError.NoConsumer().Raise();
        var next = state;
        var response = Response.Empty;
        var forfeited = Amount.Zero;
        foreach (var (key, _) in state.StakesOf(consumer).ToList())
        {
            var stake = next.Stakes[key];
            if (!stake.Delegated.IsZero)
            {
                var real = RealShare(ctx, next, key.Validator, stake.Delegated);
                (next, response) = AttributeAccrued(ctx, next, key.Validator, response);
                if (!real.IsZero)
                    response = response.AddMessage(new CosmosMsg.StakingUndelegate(new Addr(key.Validator), new Coin(state.Config.Denom, real)));
            }
            forfeited += next.Stakes[key].Settle(next.Rpt(key.Validator)).Pending.ToAmountFloor();
            next = next with { Stakes = next.Stakes.Remove(key) };
        }
        next = next with
        {
            Consumers = next.Consumers.Remove(consumer),
            Requests = next.Requests.RemoveRange(next.Requests.Keys.Where(k => k.Consumer == consumer)),
        };
        return (next, response
            .AddAttribute(MetaStakingEvents.ActionKey, MetaStakingEvents.RemoveConsumer)
            .AddAttribute(MetaStakingEvents.ConsumerKey, consumer.Value)
            .AddAttribute(MetaStakingEvents.ForfeitedRewardsKey, forfeited));
    }
}
