using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>
/// mesh-provider ("External Staker"): turns lockup claims into cross-stake on one consumer chain over the mesh channel,
/// keeps per-validator shares with a slashing multiplier, pays rewards, and handles unbonding claims, slashes (from its
/// slasher) and cuts (from the lockup). Seed behaviour with D1–D4 switchable, plus eager slashing, cuts and in-flight
/// unstakes (docs/contracts.md). Entry points here; flows in ProviderContract.Stake.cs, .Slash.cs, .Queries.cs and
/// the channel in ProviderIbc.cs.
/// </summary>
public sealed partial class ProviderContract : Contract<ProviderState, ProviderMsg.Instantiate, ProviderMsg.Execute, ProviderMsg.Query>
{
    public const string Code = "mesh-provider";

    /// <summary>The reply id of the slasher's instantiation.</summary>
    public const ulong SlasherReplyId = 1;

    public override string CodeId => Code;

    /// <summary>Instantiates the slasher (admin = this provider) as a sub-message; the reply stores its address.</summary>
    protected override (ProviderState State, Response Response) Instantiate(ContractContext ctx, MessageInfo info, ProviderMsg.Instantiate msg)
    {
        var config = new ProviderState.Settings(
            msg.Consumer,
            null,
            ctx.Validate(msg.Lockup),
            msg.UnbondingPeriod,
            msg.RewardsIbcDenom,
            msg.PacketLifetime ?? MeshProtocol.DefaultPacketLifetimeSeconds,
            msg.ConsumerRewardsDenom,
            msg.Profile ?? MeshProfile.Intended,
            msg.ReleaseInactiveUnstakes ?? false) { SlashRatio = msg.SlashRatio };
        var slasherMsg = msg.Slasher.Msg ?? new SlasherMsg.Instantiate(info.Sender.Value, msg.Consumer.ConnectionId, msg.UnbondingPeriod);
        var instantiate = new CosmosMsg.WasmInstantiate(msg.Slasher.CodeId, slasherMsg, Coins.Empty, $"Slasher for {ctx.Self}", ctx.Self);
        var response = Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.Instantiate)
            .AddSubMessage(new SubMsg(SlasherReplyId, instantiate, ReplyOn.Success));
        if (msg.SlashRatio is { } ratio)
            response = response.AddMessage(new CosmosMsg.WasmExecute(config.Lockup,
                new LockupMsg.Execute.DeclareSlashRatio(ratio.DoubleSign, ratio.Downtime), Coins.Empty));
        return (ProviderState.Create(config), response);
    }

    protected override (ProviderState State, Response Response) HandleReply(ContractContext ctx, ProviderState state, Reply reply)
    {
        if (reply.Id != SlasherReplyId) throw new ProviderError.InvalidReplyId(reply.Id).Raise();
        var result = reply.Data as InstantiateResult
                     ?? throw new StdError.ParseError(nameof(InstantiateResult), reply.Data?.GetType().Name ?? "null", "the slasher's reply carries no address").Raise();
        return (state with { Config = state.Config with { Slasher = result.ContractAddress } },
            Response.WithAttribute("slasher", result.ContractAddress.Value));
    }

    /// <summary>No message takes funds.</summary>
    protected override (ProviderState State, Response Response) Execute(ContractContext ctx, MessageInfo info, ProviderState state, ProviderMsg.Execute msg)
    {
        info.Funds.MustBeEmpty();
        return msg switch
        {
            ProviderMsg.Execute.ReceiveClaim m => ReceiveClaim(ctx, info, state, m),
            ProviderMsg.Execute.Unstake m => Unstake(ctx, info, state, m.Amount, m.Validator),
            ProviderMsg.Execute.Unbond => Unbond(ctx, info, state),
            ProviderMsg.Execute.Slash m => Slash(ctx, info, state, m),
            ProviderMsg.Execute.CutStake m => CutStake(ctx, info, state, ctx.Validate(m.Owner), m.Amount),
            ProviderMsg.Execute.ClaimRewards m => ClaimRewards(ctx, info, state, m.Validator),
            _ => throw new StdError.Generic($"unknown execute message {msg.GetType().Name}").Raise(),
        };
    }

    /// <summary>A packet to the consumer on the bound channel, timing out after the packet lifetime.</summary>
    private static CosmosMsg SendPacket(ContractContext ctx, ProviderState state, string channel, ProviderPacket packet) =>
        CosmosMsg.IbcSendPacket.Of(channel, packet, IbcTimeout.AtTime(ctx.Env.Time.PlusSeconds(state.Config.PacketLifetime)));

    /// <summary>A message to the lockup.</summary>
    private static CosmosMsg ToLockup(ProviderState state, LockupMsg.Execute msg) =>
        new CosmosMsg.WasmExecute(state.Config.Lockup, msg, Coins.Empty);

    /// <summary>
    /// Tells the consumer that stake on a validator fell without a user's unstake. With no channel bound the amount is
    /// kept as undelivered and sent when a channel connects, so the two views never diverge silently.
    /// </summary>
    private static (ProviderState, Response) SendBurn(ContractContext ctx, ProviderState state, Response response, string validator, Amount amount)
    {
        if (amount.IsZero) return (state, response);
        if (state.Channel is not { } channel) return (AddUndelivered(state, validator, amount), response);
        return (state, response.AddMessage(SendPacket(ctx, state, channel, new ProviderPacket.Burn(validator, amount))));
    }

    private static ProviderState AddUndelivered(ProviderState state, string validator, Amount amount) =>
        state with { UndeliveredBurns = state.UndeliveredBurns.SetItem(validator, state.UndeliveredBurns.GetValueOrDefault(validator, Amount.Zero) + amount) };
}
