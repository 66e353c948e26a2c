using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>
/// The vault's own entry points (docs/contracts.md, "Collateral"): lien holders declare their slash ratios, and commit or
/// roll back the cross-stakes they had in flight; the arithmetic is <see cref="VaultRule"/>'s.
/// </summary>
public sealed partial class LockupContract
{
    /// <summary>Contract: the sender is a lien holder. Each ratio from 0 to 1; later liens to the sender take it.</summary>
    private static (LockupState, Response) DeclareSlashRatio(MessageInfo info, LockupState state, SlashRatio ratio)
    {
        info.Funds.MustBeEmpty();
        if (!state.Config.IsVault) throw new LockupError.NotAVault().Raise();
        if (!ratio.IsValid) throw new LockupError.InvalidSlashRatio(ratio.ToString()).Raise();
        var response = Response.WithAttribute(LockupEvents.ActionKey, LockupEvents.DeclareSlashRatio)
            .AddAttribute(LockupEvents.LienholderKey, info.Sender.Value)
            .AddAttribute(LockupEvents.DoubleSignKey, ratio.DoubleSign)
            .AddAttribute(LockupEvents.DowntimeKey, ratio.Downtime);
        return (state with { SlashRatios = state.SlashRatios.SetItem(info.Sender, ratio) }, response);
    }

    /// <summary>
    /// Contract: the sender is the lien holder whose stake in flight was acknowledged (commit) or failed (rollback).
    /// Total, as an ack must be: saturating, and a no-op for a lien a slash already removed.
    /// </summary>
    private static (LockupState, Response) SettleClaim(
        ContractContext ctx, MessageInfo info, LockupState state, string ownerText, Math.Amount amount, bool commit)
    {
        info.Funds.MustBeEmpty();
        if (!state.Config.IsVault) throw new LockupError.NotAVault().Raise();
        var owner = ctx.Validate(ownerText);
        var response = Attributes(commit ? LockupEvents.CommitClaim : LockupEvents.RollbackClaim, owner, amount)
            .AddAttribute(LockupEvents.LienholderKey, info.Sender.Value);
        if (state.AccountOf(owner) is not { } acc) return (state, response);
        acc = commit ? VaultRule.Commit(acc, info.Sender, amount) : VaultRule.Rollback(acc, info.Sender, amount);
        return (state.WithAccount(owner, acc), response);
    }

    private static LockupMsg.LiensResponse LiensOf(LockupState state, Addr account)
    {
        var acc = state.AccountOf(account) ?? LockupState.Account.Empty;
        return new(acc.Bonded, acc.Free, VaultRule.MaxLien(acc), acc.Slashable,
            [.. acc.Claims.Select(c => new LockupMsg.LienResponse(c.Lienholder, c.Range, c.Ratio))]);
    }
}
