using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Contracts.Provider.ProviderState;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>The consumer's zero cap (docs/scenarios.md "Caps"): its stake comes back, released at once.</summary>
public sealed partial class ProviderContract
{
    /// <summary>
    /// The consumer no longer holds any of this provider's stake on the validator: every staker's active stake on it
    /// becomes an unbonding claim that matures now (the consumer let it go at this moment, so it stays slashable for
    /// infractions up to now). In-flight stakes and unstakes are left to their acks: the consumer refuses the stakes
    /// (a zero cap) and acknowledges the unstakes from its eviction allowance.
    /// </summary>
    private static (ProviderState, Response) InternalUnstake(ContractContext ctx, ProviderState state, ConsumerPacket.InternalUnstake u)
    {
        var now = ctx.Env.Time;
        var response = Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.InternalUnstake)
            .AddAttribute(ProviderEvents.ValidatorKey, u.Validator)
            .AddAttribute(ProviderEvents.AmountKey, u.Amount);
        var released = Amount.Zero;
        foreach (var key in state.Stakes.Keys.Where(k => k.Validator == u.Validator).ToList())
        {
            if (!state.Config.Profile.EagerSlashPropagation) (state, response) = TakeSlash(state, key, response);
            var locked = state.StakeOf(key)!.Locked;
            if (locked.IsZero) continue;
            (state, _) = RemoveStake(state, key, locked);
            state = state.WithClaims(key.Owner, state.ClaimsOf(key.Owner).Add(new UnbondingClaim(locked, now, u.Validator, now)));
            released += locked;
        }
        return (state, response.AddAttribute(ProviderEvents.ReleasedKey, released)
            .SetAck(Acknowledgement.Success(new ConsumerPacketAck.InternalUnstake())));
    }
}
