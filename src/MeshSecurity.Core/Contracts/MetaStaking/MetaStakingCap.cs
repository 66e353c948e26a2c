using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>
/// Caps per consumer (docs/scenarios.md "Caps"): the limit a cap gives, governance's set_cap, the zero-cap eviction and
/// the rebalance of over-cap = normalise. The seed has no epochs, so a normalised consumer is rebalanced whenever its
/// requests or its cap change, and on anyone's rebalance call; a fraction cap is read from the chain's bonded stake then.
/// </summary>
public sealed partial class MetaStakingContract
{
    /// <summary>The most the consumer may delegate now: its funds, and its cap's limit when it has one.</summary>
    private static Amount Limit(ContractContext ctx, MetaStakingState state, Addr consumer)
    {
        var info = state.Consumers[consumer];
        return info.Cap is { } cap ? Amount.Min(info.AvailableFunds, CapLimit(ctx, state, consumer, cap)) : info.AvailableFunds;
    }

    /// <summary>The cap's limit; for a fraction, of the bonded stake of every other delegator on the chain.</summary>
    private static Amount CapLimit(ContractContext ctx, MetaStakingState state, Addr consumer, CapPolicy cap)
    {
        if (cap is CapPolicy.Fixed) return CapRule.Limit(cap, Amount.Zero);
        var bonded = ctx.Querier.Validators().Where(v => v.Status == "bonded" && !v.Jailed).Aggregate(Amount.Zero, (s, v) => s + v.Tokens);
        return CapRule.Limit(cap, bonded.SaturatingSub(state.Consumers[consumer].TotalStaked));
    }

    /// <summary>
    /// Moves a normalised consumer's delegations to its requests scaled to its limit (<see cref="CapRule.Normalise"/>).
    /// </summary>
    private static (MetaStakingState, Response) Rebalance(
        ContractContext ctx, MetaStakingState state, Addr consumer, IEnumerable<(string Key, AttributeValue Value)> attributes)
    {
        var limit = Limit(ctx, state, consumer);
        var targets = CapRule.Normalise(state.RequestsOf(consumer), limit);
        return MoveTo(ctx, state, consumer, targets, limit,
            Response.Empty.AddAttributes(attributes).AddAttribute(MetaStakingEvents.LimitKey, limit));
    }

    /// <summary>
    /// Moves a consumer's delegations to <paramref name="targets"/>: the validators that lose first, then those that
    /// gain, each settled and reported as a rebalanced event.
    /// </summary>
    private static (MetaStakingState, Response) MoveTo(
        ContractContext ctx, MetaStakingState state, Addr consumer, IReadOnlyDictionary<string, Amount> targets, Amount limit,
        Response response)
    {
        var current = state.StakesOf(consumer).ToDictionary(kv => kv.Key.Validator, kv => kv.Value.Delegated, StringComparer.Ordinal);
        var validators = targets.Keys.Union(current.Keys).Order(StringComparer.Ordinal).ToList();
        foreach (var gaining in new[] { false, true })
        {
            foreach (var v in validators)
            {
                var (target, now) = (targets.GetValueOrDefault(v, Amount.Zero), current.GetValueOrDefault(v, Amount.Zero));
                if (target == now || target > now != gaining) continue;
                (state, response) = gaining
                    ? AddDelegation(ctx, state, consumer, v, target - now, response)
                    : RemoveDelegation(ctx, state, consumer, v, now - target, response);
                response = response.AddEvent(RebalancedFields.Event(consumer, v, state.RequestOf(consumer, v), target, limit));
            }
        }
        return (state, response);
    }

    /// <summary>Anyone: re-evaluates a consumer's cap now. Only a normalised consumer's delegations move.</summary>
    private static (MetaStakingState, Response) RebalanceNow(ContractContext ctx, MetaStakingState state, Addr consumer)
    {
        var info = state.Consumers.GetValueOrDefault(consumer) ?? throw new MetaStakingError.NoConsumer().Raise();
        (string Key, AttributeValue Value)[] attributes =
        [
            (MetaStakingEvents.ActionKey, MetaStakingEvents.Rebalance), (MetaStakingEvents.ConsumerKey, consumer.Value),
        ];
        if (state.Config.Managed) return RebalanceAll(ctx, state, Response.Empty.AddAttributes(attributes));
        return info.OverCap == OverCapPolicy.Normalise
            ? Rebalance(ctx, state, consumer, attributes)
            : (state, Response.Empty.AddAttributes(attributes).AddAttribute(MetaStakingEvents.LimitKey, Limit(ctx, state, consumer)));
    }

    /// <summary>
    /// Governance's new cap. A zero cap evicts (<see cref="Evict"/>); a normalised consumer is rebalanced to it; a
    /// failing one keeps its delegations, and only new ones are held to the cap.
    /// </summary>
    private static (MetaStakingState, Response) SetCap(ContractContext ctx, MetaStakingState state, Addr consumer, CapPolicy cap)
    {
        var info = state.Consumers.GetValueOrDefault(consumer) ?? throw new MetaStakingError.NoConsumer().Raise();
        CheckCap(cap);
        state = state.WithConsumer(consumer, info with { Cap = cap });
        (string Key, AttributeValue Value)[] attributes =
        [
            (MetaStakingEvents.ActionKey, MetaStakingEvents.SetCap), (MetaStakingEvents.ConsumerKey, consumer.Value),
            (MetaStakingEvents.CapKey, Wire.ToJson(cap)),
        ];
        if (cap.IsZero && !state.Config.Epochs) return Evict(ctx, state, consumer, Response.Empty.AddAttributes(attributes));
        if (state.Config.Managed) return AfterRequest(ctx, state, attributes);
        return info.OverCap == OverCapPolicy.Normalise
            ? Rebalance(ctx, state, consumer, attributes)
            : (state, Response.Empty.AddAttributes(attributes).AddAttribute(MetaStakingEvents.LimitKey, Limit(ctx, state, consumer)));
    }

    /// <summary>
    /// A zero cap: every delegation of the consumer is undelegated and its requests dropped, then the consumer contract is
    /// told (evict) to send the provider its stake back, which the provider releases at once. Rewards already accrued stay
    /// the consumer's to withdraw. On a chain with epochs this waits for the epoch's end (MetaStakingEpochs.cs); new stake
    /// is refused from the moment the cap is zero. Contract: the consumer is a mesh-consumer contract (an account cannot be
    /// told).
    /// </summary>
    private static (MetaStakingState, Response) Evict(ContractContext ctx, MetaStakingState state, Addr consumer, Response response)
    {
        foreach (var (key, stake) in state.StakesOf(consumer).Where(kv => !kv.Value.Delegated.IsZero).ToList())
            (state, response) = RemoveDelegation(ctx, state, consumer, key.Validator, stake.Delegated, response);
        state = state with { Requests = state.Requests.RemoveRange(state.Requests.Keys.Where(k => k.Consumer == consumer)) };
        return (state, response.AddMessage(new CosmosMsg.WasmExecute(consumer, new ConsumerMsg.Execute.Evict(), Coins.Empty)));
    }

    /// <summary>A fraction of 1 or more would be no cap at all (and divide by zero): refused.</summary>
    private static void CheckCap(CapPolicy? cap)
    {
        if (cap is CapPolicy.Fraction { Share: var share } && share >= Dec.One) throw new MetaStakingError.InvalidCap(share).Raise();
    }
}
