using System.Collections.Immutable;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// Re-marking (docs/scenarios.md "Prices", `remark = every-epoch`): production never re-values existing virtual stake
/// when the price moves (repo#24 lists it as a wanted epoch action). With a feed's remark, at each epoch's end (before
/// meta-staking rebalances) every validator's stake is valued again at the latest fresh price, and meta-staking is asked
/// for the difference: a fall undelegates, a rise delegates, unless meta-staking refuses it (its cap under over-cap =
/// fail), in which case that validator keeps its old value.
/// </summary>
public sealed partial class ConsumerContract
{
    /// <summary>The first sub-message id of a re-marking's rises; one per validator that rises (the transfer's id is 1).</summary>
    private const ulong FirstRiseId = 1000;

    private static (ConsumerState, Response) Remark(ContractContext ctx, ConsumerState state)
    {
        if (state.Config.Feed is not { Remark: true } feed) return (state, Response.Empty);
        state = state with { Rises = null };
        if (state.Price is not { } price || PriceRule.IsStale(price.PublishedAt, feed.Ttl, ctx.Env.Time))
            return (state, Response.WithAttribute(ConsumerEvents.ActionKey, ConsumerEvents.RemarkSkipped)
                .AddAttribute(ConsumerEvents.PriceKey, state.Price is { } stale ? stale.Price : "none"));

        var response = Response.WithAttribute(ConsumerEvents.ActionKey, ConsumerEvents.Remark)
            .AddAttribute(ConsumerEvents.PriceKey, price.Price);
        var rises = ImmutableSortedDictionary<ulong, ConsumerState.RemarkRise>.Empty;
        foreach (var (validator, remote) in state.RemoteStakes)
        {
            var (before, after) = (state.LocalOn(validator), PriceRule.Normalise(remote, price.Price, feed.Discount));
            if (before == after) continue;
            state = state.WithBonded(validator, after);
            response = response.AddEvent(RemarkFields.Event(validator, before, after));
            if (after < before)
            {
                response = response.AddMessage(MetaStakingCall(state, new MetaStakingMsg.Execute.Undelegate(validator, before - after)));
                continue;
            }
            var id = FirstRiseId + (ulong)rises.Count;
            rises = rises.Add(id, new ConsumerState.RemarkRise(validator, after - before));
            response = response.AddSubMessage(
                new SubMsg(id, MetaStakingCall(state, new MetaStakingMsg.Execute.Delegate(validator, after - before)), ReplyOn.Error));
        }
        return (state with { Rises = rises.IsEmpty ? null : rises }, response);
    }

    /// <summary>Meta-staking refused a rise: the validator's value goes back to what it was before the re-marking.</summary>
    private static (ConsumerState, Response) RiseRefused(ConsumerState state, Reply reply)
    {
        var rise = state.Rises![reply.Id];
        var next = state.WithBonded(rise.Validator, state.LocalOn(rise.Validator) - rise.Amount)
            with { Rises = state.Rises.Remove(reply.Id) };
        return (next, Response.WithAttribute(ConsumerEvents.ActionKey, ConsumerEvents.RemarkRefused)
            .AddAttribute(ConsumerEvents.ValidatorKey, rise.Validator)
            .AddAttribute(ConsumerEvents.AmountKey, rise.Amount)
            .AddAttribute(ConsumerEvents.ErrorKey, reply.Error?.ToString() ?? ""));
    }
}
