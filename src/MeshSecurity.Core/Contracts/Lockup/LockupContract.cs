using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>
/// mesh-lockup (the "vault"): holds users' native tokens and lets each user hand out claims (liens) to several
/// lienholders (providers); what a user may withdraw is bonded − max claim. Seed behaviour plus B13 (burn), slash
/// propagation to the other lienholders and local staking (docs/contracts.md). Under the vault collateral policy it is
/// production's vault instead (<see cref="VaultRule"/>). Entry points here; the claim flows in LockupContract.Claims.cs,
/// slashing in LockupContract.Slash.cs, local staking in LockupContract.Local.cs, the vault's own in LockupContract.Vault.cs.
/// </summary>
public sealed partial class LockupContract : Contract<LockupState, LockupMsg.Instantiate, LockupMsg.Execute, LockupMsg.Query>
{
    public const string Code = "mesh-lockup";

    /// <summary>The SDK's default unbonding period, used when the instantiate message gives none.</summary>
    public const ulong DefaultUnbondingPeriod = 21 * 24 * 3600;

    public override string CodeId => Code;

    protected override (LockupState State, Response Response) Instantiate(ContractContext ctx, MessageInfo info, LockupMsg.Instantiate msg)
    {
        if (msg.Collateral is CollateralPolicy.Vault { Local.IsValid: false } v)
            throw new LockupError.InvalidSlashRatio(v.Local.ToString()).Raise();
        var config = new LockupState.Settings(msg.Denom, msg.UnbondingPeriod ?? DefaultUnbondingPeriod, msg.Profile ?? MeshProfile.Intended)
        {
            Collateral = msg.Collateral ?? CollateralPolicy.SeedRule,
        };
        return (LockupState.Create(config),
            Response.WithAttribute(LockupEvents.MethodKey, LockupEvents.Instantiate).AddAttribute(LockupEvents.OwnerKey, info.Sender.Value));
    }

    /// <summary>Every call first burns what matured of slashed local stake (see <see cref="SweepBurns"/>).</summary>
    protected override (LockupState State, Response Response) Execute(ContractContext ctx, MessageInfo info, LockupState state, LockupMsg.Execute msg)
    {
        var fx = new Effects();
        state = SweepBurns(ctx, state, fx);
        var (next, response) = msg switch
        {
            LockupMsg.Execute.Bond => Bond(info, state),
            LockupMsg.Execute.Unbond m => Unbond(info, state, m.Amount),
            LockupMsg.Execute.GrantClaim m => GrantClaim(ctx, info, state, m),
            LockupMsg.Execute.ReleaseClaim m => ReleaseClaim(ctx, info, state, m.Owner, m.Amount),
            LockupMsg.Execute.SlashClaim m => SlashClaims(ctx, info, state, [new LockupMsg.OwnerAmount(m.Owner, m.Amount)], LockupEvents.SlashClaim, fx),
            LockupMsg.Execute.SlashClaims m => SlashClaims(ctx, info, state, m.Slashes, LockupEvents.SlashClaims, fx),
            LockupMsg.Execute.StakeLocal m => StakeLocal(ctx, info, state, m.Validator, m.Amount),
            LockupMsg.Execute.UnstakeLocal m => UnstakeLocal(ctx, info, state, m.Validator, m.Amount, fx),
            LockupMsg.Execute.ReleaseLocal => ReleaseLocal(ctx, info, state),
            LockupMsg.Execute.DeclareSlashRatio m => DeclareSlashRatio(info, state, new SlashRatio(m.DoubleSign, m.Downtime)),
            LockupMsg.Execute.CommitClaim m => SettleClaim(ctx, info, state, m.Owner, m.Amount, commit: true),
            LockupMsg.Execute.RollbackClaim m => SettleClaim(ctx, info, state, m.Owner, m.Amount, commit: false),
            _ => throw new StdError.Generic($"unknown execute message {msg.GetType().Name}").Raise(),
        };
        return (next, fx.Prepend(response));
    }

    /// <summary>The chain's staking hooks: a slash of a validator the lockup delegates to. Other hooks are no-ops.</summary>
    protected override (LockupState State, Response Response) Sudo(ContractContext ctx, LockupState state, object msg)
    {
        var hook = msg switch
        {
            ChainHook h => h,
            byte[] json => Wire.Decode<ChainHook>(json),
            string json => Wire.Decode<ChainHook>(System.Text.Encoding.UTF8.GetBytes(json)),
            _ => throw new StdError.ParseError(nameof(ChainHook), msg.GetType().Name, "mesh-lockup's sudo takes chain hooks").Raise(),
        };
        var fx = new Effects();
        state = SweepBurns(ctx, state, fx);
        var (next, response) = hook switch
        {
            ChainHook.ValidatorSlashed s => ValidatorSlashed(ctx, state, s, fx),
            _ => (state, Response.Empty),
        };
        return (next, fx.Prepend(response));
    }

    protected override object Query(ContractContext ctx, LockupState state, LockupMsg.Query msg) => msg switch
    {
        LockupMsg.Query.Balance q => BalanceOf(state, ctx.Validate(q.Account)),
        LockupMsg.Query.LocalStakes q => LocalStakesOf(state, ctx.Validate(q.Account)),
        LockupMsg.Query.Config => new LockupMsg.ConfigResponse(state.Config.Denom, state.Config.UnbondingPeriod, state.Config.Profile)
        {
            Collateral = state.Config.Collateral,
        },
        LockupMsg.Query.Liens q => LiensOf(state, ctx.Validate(q.Account)),
        _ => throw new StdError.Generic($"unknown query {msg.GetType().Name}").Raise(),
    };

    private static LockupMsg.BalanceResponse BalanceOf(LockupState state, Addr account)
    {
        var acc = state.AccountOf(account) ?? throw new LockupError.UnknownAccount(account.Value).Raise();
        return new(acc.Bonded, acc.Free, [.. acc.Claims.Select(c => new LockupMsg.ClaimResponse(c.Lienholder, c.Amount))])
        {
            Slashable = state.Config.IsVault ? acc.Slashable.High : null,
        };
    }

    private static LockupMsg.LocalStakesResponse LocalStakesOf(LockupState state, Addr account)
    {
        var acc = state.AccountOf(account) ?? LockupState.Account.Empty;
        return new(
            [.. acc.LocalStakes.Select(kv => new LockupMsg.LocalStakeResponse(kv.Key, kv.Value))],
            [.. acc.Unbondings.Select(u => new LockupMsg.LocalUnbondingResponse(u.Validator, u.Amount, u.ReleaseAt, u.Burn))]);
    }

    /// <summary>What one call sends and reports besides its own response: burns, cuts and undelegations, in order.</summary>
    private sealed class Effects
    {
        // made on first use: most calls have no side effects, and the lockup runs on every cross-stake
        private List<CosmosMsg>? _messages;
        private List<Event>? _events;
        private Dictionary<string, Math.Amount>? _undelegated;

        public List<CosmosMsg> Messages => _messages ??= [];
        public List<Event> Events => _events ??= [];

        /// <summary>Undelegated per validator by this call so far (the querier does not see our pending messages yet).</summary>
        public Dictionary<string, Math.Amount> Undelegated => _undelegated ??= new(StringComparer.Ordinal);

        public Response Prepend(Response response) =>
            _messages is not { Count: > 0 } && _events is not { Count: > 0 } ? response
            : response.Prepend((IReadOnlyList<CosmosMsg>?)_messages ?? [], (IReadOnlyList<Event>?)_events ?? []);
    }
}
