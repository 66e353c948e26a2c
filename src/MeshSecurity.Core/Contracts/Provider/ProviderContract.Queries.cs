using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Contracts.Provider.ProviderState;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>Queries of the provider: the seed's four, plus stake per validator and pending rewards.</summary>
public sealed partial class ProviderContract
{
    public const uint DefaultListLimit = 30;
    public const uint MaxListLimit = 100;

    protected override object Query(ContractContext ctx, ProviderState state, ProviderMsg.Query msg) => msg switch
    {
        ProviderMsg.Query.Config => new ProviderMsg.ConfigResponse(
            state.Config.Consumer, state.Config.Slasher, state.Config.Lockup, state.Config.UnbondingPeriod,
            state.Config.RewardsIbcDenom, state.Config.PacketLifetime, state.Channel, state.Config.Profile),
        ProviderMsg.Query.Account q => AccountOf(ctx, state, q.Address),
        ProviderMsg.Query.GetValidator q => ValidatorResponse(q.Address,
            state.ValidatorOf(q.Address) ?? throw new ProviderError.UnknownValidator(q.Address).Raise()),
        ProviderMsg.Query.ListValidators q => new ProviderMsg.ListValidatorsResponse([
            .. state.Validators
                .Where(kv => q.StartAfter is null || string.CompareOrdinal(kv.Key, q.StartAfter) > 0)
                .Take((int)System.Math.Min(q.Limit ?? DefaultListLimit, MaxListLimit))
                .Select(kv => ValidatorResponse(kv.Key, kv.Value))]),
        ProviderMsg.Query.Stake q => new ProviderMsg.StakeResponse(
            q.Validator,
            state.LockedOn(q.Validator),
            state.InFlightStakes.Where(kv => kv.Key.Validator == q.Validator).Aggregate(Amount.Zero, (s, kv) => s + kv.Value.Amount),
            state.InFlightUnstakes.Where(u => u.Validator == q.Validator).Aggregate(Amount.Zero, (s, u) => s + u.Sent),
            state.UndeliveredBurns.GetValueOrDefault(q.Validator, Amount.Zero)),
        ProviderMsg.Query.PendingRewards q => PendingRewardsOf(ctx, state, q.Address, q.Validator),
        ProviderMsg.Query.ValidatorState q => new ProviderMsg.ValidatorStateResponse(q.Validator,
            q.Time is { } time ? state.StatusAt(q.Validator, time) : state.ValidatorOf(q.Validator)?.Status,
            [.. state.History.GetValueOrDefault(q.Validator) ?? []]),
        _ => throw new StdError.Generic($"unknown query {msg.GetType().Name}").Raise(),
    };

    private static ProviderMsg.ValidatorResponse ValidatorResponse(string address, ValidatorRecord v) =>
        new(address, v.Tokens, v.Status, v.Multiplier);

    private static ProviderMsg.AccountResponse AccountOf(ContractContext ctx, ProviderState state, string address)
    {
        var owner = ctx.Validate(address);
        return new(
            [.. state.Stakes.Where(kv => kv.Key.Owner == owner).Select(kv =>
            {
                var tokens = state.Validators[kv.Key.Validator].SharesToTokens(kv.Value.Shares);
                return new ProviderMsg.StakeInfo(kv.Key.Validator, tokens, kv.Value.Locked.SaturatingSub(tokens));
            })],
            [.. state.ClaimsOf(owner).Select(c => new ProviderMsg.UnbondingInfo(c.Validator, c.Amount, c.ReleaseAt))],
            [.. state.InFlightStakes.Where(kv => kv.Key.Owner == owner).Select(kv => new ProviderMsg.InFlightInfo(kv.Key.Validator, kv.Value.Amount - kv.Value.Debt))],
            [.. state.InFlightUnstakes.Where(u => u.Owner == owner).Select(u => new ProviderMsg.InFlightInfo(u.Validator, u.Amount))]);
    }

    /// <summary>What claim_rewards would pay now, before the balance check.</summary>
    private static ProviderMsg.PendingRewardsResponse PendingRewardsOf(ContractContext ctx, ProviderState state, string address, string validator)
    {
        var key = new StakeKey(ctx.Validate(address), validator);
        if (state.ValidatorOf(validator) is not { } v || state.StakeOf(key) is not { } stake) return new(Amount.Zero);
        return new(Settle(stake, v, RewardWeight(state, v, stake)).Pending.ToAmountFloor());
    }
}
