using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>Bonding, withdrawing, and granting and releasing claims (seed behaviour).</summary>
public sealed partial class LockupContract
{
    /// <summary>Exactly one non-zero coin of the denom; creates the account if missing.</summary>
    private static (LockupState, Response) Bond(MessageInfo info, LockupState state)
    {
        var amount = info.Funds.MustPay(state.Config.Denom);
        var acc = state.AccountOf(info.Sender) ?? LockupState.Account.Empty;
        return (state.WithAccount(info.Sender, acc with { Bonded = acc.Bonded + amount }), Attributes(LockupEvents.Bond, info.Sender, amount));
    }

    /// <summary>L2: at most free = bonded − max claim (ClaimsLocked otherwise). A zero amount is accepted, as in the seed.</summary>
    private static (LockupState, Response) Unbond(MessageInfo info, LockupState state, Amount amount)
    {
        info.Funds.MustBeEmpty();
        var acc = state.AccountOf(info.Sender) ?? throw new LockupError.UnknownAccount(info.Sender.Value).Raise();
        var free = acc.Free;
        if (free < amount) throw new LockupError.ClaimsLocked(free).Raise();
        var response = Attributes(LockupEvents.Unbond, info.Sender, amount);
        if (!amount.IsZero) response = response.AddMessage(new CosmosMsg.BankSend(info.Sender, Coins.Of(state.Config.Denom, amount)));
        return (state.WithAccount(info.Sender, acc with { Bonded = acc.Bonded - amount }), response);
    }

    /// <summary>
    /// L1: the lienholder's claim after the grant is at most bonded (InsufficientBalance). The lienholder's
    /// receive_claim is a plain message, so its refusal reverts the grant. Under the vault the grant is a stake in flight
    /// (<see cref="VaultRule.Prepare"/>): the lien's high rises, and the holder's ack commits or rolls it back.
    /// </summary>
    private static (LockupState, Response) GrantClaim(ContractContext ctx, MessageInfo info, LockupState state, LockupMsg.Execute.GrantClaim m)
    {
        info.Funds.MustBeEmpty();
        var lienholder = ctx.Validate(m.Lienholder);
        if (lienholder == ctx.Self) throw new LockupError.InvalidLienholder(m.Lienholder).Raise();
        var acc = state.AccountOf(info.Sender) ?? LockupState.Account.Empty;
        if (m.Amount > acc.Bonded) throw new LockupError.InsufficientBalance().Raise();
        if (state.Config.IsVault)
        {
            var ratio = state.SlashRatios.GetValueOrDefault(lienholder) ?? throw new LockupError.NoSlashRatio(lienholder.Value).Raise();
            acc = VaultRule.Prepare(acc, lienholder, m.Amount, ratio.Max);
        }
        else
        {
            var claim = (acc.ClaimOf(lienholder)?.Amount ?? Amount.Zero) + m.Amount;
            if (claim > acc.Bonded) throw new LockupError.InsufficientBalance().Raise();
            acc = acc.WithClaim(lienholder, claim);
        }

        var receive = new ProviderMsg.Execute.ReceiveClaim(info.Sender.Value, m.Amount, m.Validator);
        var response = Attributes(LockupEvents.GrantClaim, info.Sender, m.Amount,
                (LockupEvents.LienholderKey, lienholder), (LockupEvents.ValidatorKey, m.Validator))
            .AddMessage(new CosmosMsg.WasmExecute(lienholder, receive, Coins.Empty));
        return (state.WithAccount(info.Sender, acc), response);
    }

    /// <summary>Contract: the sender is the lienholder. Lowers its claim, removing it at zero; bonded is unchanged.</summary>
    private static (LockupState, Response) ReleaseClaim(ContractContext ctx, MessageInfo info, LockupState state, string ownerText, Amount amount)
    {
        info.Funds.MustBeEmpty();
        var owner = ctx.Validate(ownerText);
        var acc = state.AccountOf(owner);
        var claim = acc?.ClaimOf(info.Sender) ?? throw new LockupError.UnknownLienholder().Raise();
        var response = Attributes(LockupEvents.ReleaseClaim, owner, amount, (LockupEvents.LienholderKey, info.Sender));
        if (state.Config.IsVault) return (state.WithAccount(owner, VaultRule.Release(acc!, info.Sender, amount)), response);
        if (amount > claim.Amount) throw new LockupError.InsufficientLien().Raise();
        var left = claim.Amount - amount;
        return (state.WithAccount(owner, acc!.WithClaim(info.Sender, left, remove: left.IsZero)), response);
    }

    /// <remarks>The extra attributes go into the same array: a claim is granted per cross-stake.</remarks>
    private static Response Attributes(
        string action, Addr owner, Amount amount, params ReadOnlySpan<(string Key, AttributeValue Value)> more) =>
        Response.Empty.AddAttributes(
            [(LockupEvents.ActionKey, action), (LockupEvents.OwnerKey, owner), (LockupEvents.AmountKey, amount)], more);
}
