using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// A zero cap on this provider (meta-staking's set_cap, docs/scenarios.md "Caps"): the stake goes back to the provider,
/// released at once there, as production's InternalUnstake.
/// </summary>
public sealed partial class ConsumerContract
{
    /// <summary>
    /// Only meta-staking, which has undelegated everything already. Each validator's record becomes an InternalUnstake
    /// packet and an eviction allowance (for Unstake packets already on their way); the records are cleared.
    /// </summary>
    private static (ConsumerState, Response) Evict(ContractContext ctx, MessageInfo info, ConsumerState state)
    {
        if (info.Sender != state.Config.MetaStaking) throw new ConsumerError.Unauthorized().Raise();
        var channel = state.Channel ?? throw new ConsumerError.NoChannel().Raise();
        var response = Response.WithAttribute(ConsumerEvents.ActionKey, ConsumerEvents.Evict);
        foreach (var (validator, amount) in state.RemoteStakes)
        {
            state = state.WithEvicted(validator, state.EvictedOn(validator) + amount).WithRemoteStake(validator, Math.Amount.Zero)
                .WithBonded(validator, Math.Amount.Zero);
            var packet = new ConsumerPacket.InternalUnstake(validator, amount);
            response = response
                .AddMessage(CosmosMsg.IbcSendPacket.Of<ConsumerPacket>(channel, packet, state.PacketTimeout(ctx.Env)))
                .AddEvent(InternalUnstakeFields.Event(validator, amount));
        }
        return (state, response);
    }

    /// <summary>
    /// An Unstake the provider sent before it learnt of the eviction: the part the eviction already sent back is taken
    /// from the allowance (nothing to undelegate), the rest from the record. Returns the part taken from the allowance.
    /// </summary>
    private static (ConsumerState, Math.Amount FromEvicted) TakeEvicted(ConsumerState state, string validator, Math.Amount amount)
    {
        var evicted = Math.Amount.Min(state.EvictedOn(validator), amount);
        return (state.WithEvicted(validator, state.EvictedOn(validator) - evicted), evicted);
    }
}
