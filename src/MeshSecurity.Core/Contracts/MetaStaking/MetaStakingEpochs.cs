using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>
/// A managed meta-staking (a chain with epochs, docs/scenarios.md "Epochs"): every consumer's packets only change its
/// requests, and its delegations follow them chain-wide, each consumer held to its cap by its over-cap policy. With
/// epochs that happens at each epoch's end (production's virtual-staking: bond requests are batched and rebalanced in
/// handle_epoch, so a percentage cap is also read from the chain's bonded stake then), without at every change.
/// </summary>
public sealed partial class MetaStakingContract
{
    /// <summary>
    /// A managed delegate: a failing consumer is refused at once when its requests would pass its cap (CapExceeded) or
    /// its funds (NoFundsToDelegate); the request is then recorded, to be delegated at the epoch's end.
    /// </summary>
    private static (MetaStakingState, Response) Request(
        ContractContext ctx, MetaStakingState state, Addr consumer, MetaStakingState.ConsumerInfo info, string validator, Amount amount)
    {
        var wanted = state.RequestsOf(consumer).Aggregate(amount, (sum, kv) => sum + kv.Value);
        if (info.OverCap == OverCapPolicy.Fail)
        {
            if (info.Cap is { } cap && CapLimit(ctx, state, consumer, cap) is var limit && wanted > limit)
                throw new MetaStakingError.CapExceeded(limit, wanted).Raise();
            if (wanted > info.AvailableFunds) throw new MetaStakingError.NoFundsToDelegate().Raise();
        }
        return AfterRequest(ctx, state.WithRequest(consumer, validator, state.RequestOf(consumer, validator) + amount),
            Moved(MetaStakingEvents.Delegate, consumer, validator, amount));
    }

    /// <summary>After a request or a cap changed: with epochs it waits for the epoch's end (queued), otherwise all move now.</summary>
    private static (MetaStakingState, Response) AfterRequest(
        ContractContext ctx, MetaStakingState state, IEnumerable<(string Key, AttributeValue Value)> attributes)
    {
        var response = Response.Empty.AddAttributes(attributes);
        return state.Config.Epochs
            ? (state, response.AddAttribute(MetaStakingEvents.QueuedKey, "true"))
            : RebalanceAll(ctx, state, response);
    }

    /// <summary>
    /// Every consumer's delegations to its targets: its requests, scaled to its limit under over-cap = normalise
    /// (<see cref="CapRule.Normalise"/>), as they are under fail (checked when requested); then, with a local minimum
    /// power, all of them scaled together so the chain's native stake keeps its share (<see cref="LocalPowerRule"/>).
    /// At an epoch's end a failing consumer is scaled to its limit too: its requests fitted the cap when they were
    /// accepted, so only a limit that fell since (a percentage cap whose chain lost stake, a lower cap) makes them pass
    /// it, and the epoch is where production re-reads the cap. Limits are read before anything moves, so the order of
    /// the consumers does not change them. An evicted consumer (zero cap) has no requests.
    /// </summary>
    private static (MetaStakingState, Response) RebalanceAll(ContractContext ctx, MetaStakingState state, Response response)
    {
        var plans = state.Consumers.Keys
            .Select(c => (Consumer: c, Limit: Limit(ctx, state, c), Requests: state.RequestsOf(c).ToList()))
            .Select(p => (p.Consumer, p.Limit, Targets: CapRule.Normalise(p.Requests,
                state.Config.Epochs || state.Consumers[p.Consumer].OverCap == OverCapPolicy.Normalise ? p.Limit : Amount.MaxValue)))
            .ToList();
        var targets = plans.Select(p => p.Targets).ToList();
        if (state.Config.LocalMinPower is { } floor)
        {
            var virtualLimit = LocalPowerRule.VirtualLimit(NativePower(ctx), floor);
            targets = [.. LocalPowerRule.Scale(targets, virtualLimit)];
            response = response.AddAttribute(MetaStakingEvents.VirtualLimitKey, virtualLimit);
        }
        for (var i = 0; i < plans.Count; i++)
            (state, response) = MoveTo(ctx, state, plans[i].Consumer, targets[i], plans[i].Limit, response);
        return (state, response);
    }

    /// <summary>
    /// The chain's native power: the tokens of its bonded, unjailed validators less what this contract delegates to
    /// them (its real delegations, after any chain slash).
    /// </summary>
    private static Amount NativePower(ContractContext ctx) =>
        ctx.Querier.Validators().Where(v => v.Status == "bonded" && !v.Jailed)
            .Aggregate(Amount.Zero, (sum, v) =>
                sum + v.Tokens.SaturatingSub(ctx.Querier.Delegation(ctx.Self, v.Operator)?.Tokens ?? Amount.Zero));

    /// <summary>
    /// The chain's hooks: at an epoch's end a managed contract first evicts the consumers whose cap governance set to
    /// zero during the epoch (production's handle_epoch drains a zero-cap contract there), then applies every other
    /// consumer's requests; every other hook is a no-op (meta-staking is subscribed only on a chain with epochs).
    /// </summary>
    private static (MetaStakingState, Response) Hook(ContractContext ctx, MetaStakingState state, ChainHook hook)
    {
        if (hook is ChainHook.EpochEnding ending && state.Config.Epochs) return PayEpochRewards(ctx, state, ending.Height);
        if (hook is not ChainHook.EpochEnded epoch || !state.Config.Managed) return (state, Response.Empty);
        var response = Response.Empty
            .AddAttribute(MetaStakingEvents.ActionKey, MetaStakingEvents.Epoch)
            .AddAttribute(MetaStakingEvents.HeightKey, epoch.Height);
        foreach (var consumer in state.Consumers.Where(kv => kv.Value.Cap is { IsZero: true } && HoldsStake(state, kv.Key))
                     .Select(kv => kv.Key).ToList())
            (state, response) = Evict(ctx, state, consumer, response);
        return RebalanceAll(ctx, state, response);
    }

    /// <summary>Whether a consumer still has a delegation or a request: an evicted one has neither.</summary>
    private static bool HoldsStake(MetaStakingState state, Addr consumer) =>
        state.StakesOf(consumer).Any(kv => !kv.Value.Delegated.IsZero) || state.RequestsOf(consumer).Any(kv => !kv.Value.IsZero);

    /// <summary>
    /// At an epoch's end, before the rebalance (production's handle_epoch withdraws every validator's rewards first and
    /// sends them to the provider in one batch): the rewards accrued on each validator are credited to the consumers by
    /// their delegations there, and each consumer's whole part is sent to it, which sends it on to its provider as a
    /// Rewards packet per validator. So stakers earn nothing between epochs and an epoch's sum at its end. This runs in
    /// its own hook (EpochEnding), so the rebalance after it reads the rewards already withdrawn. Contract: the consumers
    /// are mesh-consumer contracts; one that refuses (its channel closed) fails this payout, and the rewards wait for the
    /// next epoch's.
    /// </summary>
    private static (MetaStakingState, Response) PayEpochRewards(ContractContext ctx, MetaStakingState state, ulong height)
    {
        var response = Response.Empty
            .AddAttribute(MetaStakingEvents.ActionKey, MetaStakingEvents.EpochRewards)
            .AddAttribute(MetaStakingEvents.HeightKey, height);
        foreach (var validator in state.Validators.ToList())
            (state, response) = AttributeAccrued(ctx, state, validator, response);
        foreach (var (key, stake) in state.Stakes.ToList())
        {
            if (!state.Consumers.ContainsKey(key.Consumer)) continue;
            var settled = stake.Settle(state.Rpt(key.Validator));
            var payout = settled.Pending.ToAmountFloor();
            if (payout.IsZero) continue;
            state = state.WithStake(key.Consumer, key.Validator, settled with { Pending = settled.Pending.Fraction() });
            response = response.AddMessage(new CosmosMsg.WasmExecute(key.Consumer,
                new Consumer.ConsumerMsg.Execute.ReceiveRewards(key.Validator), Coins.Of(state.Config.Denom, payout)));
        }
        return (state, response);
    }
}
