using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Contracts.Provider.ProviderState;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>
/// Acks, error acks and timeouts of the provider's own packets (docs/seed-contracts.md §2.4); a timeout is handled as an
/// error ack.
/// </summary>
public sealed partial class ProviderContract
{
    protected override (ProviderState State, Response Response) PacketAck(ContractContext ctx, ProviderState state, IbcPacket packet, Acknowledgement ack, Addr relayer) =>
        (packet.DataAs<ProviderPacket>(), ack.IsSuccess) switch
        {
            (ProviderPacket.ListValidators, true) =>
                AckListValidators(ctx, state, Wire.Decode<ProviderPacketAck.ListValidators>(ack.Result!)),
            (ProviderPacket.ListValidators, false) => RetryListValidators(ctx, state),
            (ProviderPacket.Stake s, true) => AckStake(ctx, state, s),
            (ProviderPacket.Stake s, false) => FailStake(state, s),
            (ProviderPacket.Unstake u, true) => AckUnstake(ctx, state, u),
            (ProviderPacket.Unstake u, false) => FailUnstake(ctx, state, u),
            (ProviderPacket.Burn b, true) => (state, Response.Empty.AddEvent(BurnEvent(ProviderEvents.AckBurn, b))),
            (ProviderPacket.Burn b, false) => (AddUndelivered(state, b.Validator, b.Amount), Response.Empty.AddEvent(BurnEvent(ProviderEvents.FailedBurn, b))),
            var (other, _) => throw new Errors.StdError.Generic($"unknown provider packet {other.GetType().Name}").Raise(),
        };

    /// <summary>
    /// Like an error ack, except for Burn: the consumer never saw it, so it is sent again with a new timeout (kept as
    /// undelivered if no channel is bound). An error-acked Burn is not resent (the consumer refused it and would again):
    /// it stays in the undelivered burns, visible in the stake query and resent when a channel connects.
    /// </summary>
    protected override (ProviderState State, Response Response) PacketTimeout(ContractContext ctx, ProviderState state, IbcPacket packet, Addr relayer) =>
        packet.DataAs<ProviderPacket>() switch
        {
            ProviderPacket.ListValidators => RetryListValidators(ctx, state),
            ProviderPacket.Stake s => FailStake(state, s),
            ProviderPacket.Unstake u => FailUnstake(ctx, state, u),
            ProviderPacket.Burn b => SendBurn(ctx, state, Response.Empty.AddEvent(BurnEvent(ProviderEvents.ResentBurn, b)), b.Validator, b.Amount),
            var other => throw new Errors.StdError.Generic($"unknown provider packet {other.GetType().Name}").Raise(),
        };

    /// <summary>
    /// D4 (<see cref="MeshProfile.ListValidatorsKeepsExisting"/>): adds the validators it does not know; the seed overwrites
    /// every listed one with a fresh record (B4: stake, multiplier and rewards wiped). Resets the retry budget.
    /// </summary>
    private static (ProviderState, Response) AckListValidators(
        ContractContext ctx, ProviderState state, ProviderPacketAck.ListValidators ack)
    {
        var keep = state.Config.Profile.ListValidatorsKeepsExisting;
        foreach (var name in ack.Validators)
            if (!keep || state.ValidatorOf(name) is null)
                state = state.WithStatus(name, ValidatorRecord.New, ValidatorStatus.Active, null, ctx.Env.Time);
        return (state with { ListValidatorsRetries = MeshProtocol.ListValidatorsMaxRetries },
            Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.AckListValidators));
    }

    /// <summary>Resends ListValidators up to <see cref="MeshProtocol.ListValidatorsMaxRetries"/> times, then gives up and resets the budget.</summary>
    private static (ProviderState, Response) RetryListValidators(ContractContext ctx, ProviderState state)
    {
        if (state.ListValidatorsRetries == 0)
            return (state with { ListValidatorsRetries = MeshProtocol.ListValidatorsMaxRetries },
                Response.Empty.AddEvent(new Event(ProviderEvents.ListValidatorsFail)));
        state = state with { ListValidatorsRetries = (byte)(state.ListValidatorsRetries - 1) };
        var response = Response.Empty.AddEvent(new Event(ProviderEvents.ListValidatorsRetry));
        if (state.Channel is { } channel) response = response.AddMessage(SendPacket(ctx, state, channel, new ProviderPacket.ListValidators()));
        return (state, response);
    }

    /// <summary>
    /// Settles with the old tokens, then stakes the amount less the debt cuts left on the in-flight stake; the consumer
    /// staked the whole amount, so the debt goes to it as a Burn. A vault lockup commits the rest of the lien.
    /// </summary>
    private static (ProviderState, Response) AckStake(ContractContext ctx, ProviderState state, ProviderPacket.Stake s)
    {
        var key = new StakeKey(new Addr(s.Key), s.Validator);
        (state, var debt) = TakeInFlightStake(state, key, s.Amount);
        if (state.ValidatorOf(s.Validator) is null) state = state.WithValidator(s.Validator, ValidatorRecord.New);
        state = AddStake(state, key, s.Amount - debt);
        var response = Response.Empty.AddEvent(StakeEvent(ProviderEvents.AckStake, s.Key, s.Validator, s.Amount));
        if (state.Config.SlashRatio is not null && s.Amount > debt)
            response = response.AddMessage(ToLockup(state, new LockupMsg.Execute.CommitClaim(s.Key, s.Amount - debt)));
        return SendBurn(ctx, state, response, s.Validator, debt);
    }

    /// <summary>
    /// The consumer did not stake: the claim goes back to the lockup, less the debt the lockup already cut.
    /// A vault lockup's lien rolls back (rollback_claim); otherwise D2 (<see cref="MeshProfile.FailedStakeReleasesClaim"/>):
    /// release_claim; the seed: slash_claim (B2).
    /// </summary>
    private static (ProviderState, Response) FailStake(ProviderState state, ProviderPacket.Stake s)
    {
        (state, var debt) = TakeInFlightStake(state, new StakeKey(new Addr(s.Key), s.Validator), s.Amount);
        var back = s.Amount - debt;
        var response = Response.Empty.AddEvent(StakeEvent(ProviderEvents.FailedStake, s.Key, s.Validator, s.Amount));
        if (back.IsZero) return (state, response);
        LockupMsg.Execute msg = state.Config.SlashRatio is not null ? new LockupMsg.Execute.RollbackClaim(s.Key, back)
            : state.Config.Profile.FailedStakeReleasesClaim ? new LockupMsg.Execute.ReleaseClaim(s.Key, back)
            : new LockupMsg.Execute.SlashClaim(s.Key, back);
        return (state, response.AddMessage(ToLockup(state, msg)));
    }

    /// <summary>Removes one packet's amount from the in-flight stake and returns the debt it settles.</summary>
    private static (ProviderState, Amount Debt) TakeInFlightStake(ProviderState state, StakeKey key, Amount amount)
    {
        var inFlight = state.InFlightStakes.GetValueOrDefault(key) ?? new InFlightStake(Amount.Zero, Amount.Zero);
        var debt = Amount.Min(inFlight.Debt, amount);
        state = state.WithInFlightStake(key, new InFlightStake(inFlight.Amount.SaturatingSub(amount), inFlight.Debt - debt));
        return (state, debt);
    }

    /// <summary>
    /// The in-flight unstake becomes an unbonding claim (what slashes and cuts left of it), maturing after the unbonding
    /// period; the consumer let the delegation go at the latest now, so the claim stays slashable for infractions up to now.
    /// With <see cref="ProviderState.Settings.ReleaseInactiveUnstakes"/> (production), an unstake from a validator that is
    /// removed or tombstoned matures at once: it no longer secures the consumer, so nothing is left to slash it for.
    /// </summary>
    private static (ProviderState, Response) AckUnstake(ContractContext ctx, ProviderState state, ProviderPacket.Unstake u)
    {
        (state, var record) = TakeInFlightUnstake(state, u);
        if (!record.Amount.IsZero)
        {
            var inactive = state.ValidatorOf(u.Validator)?.Status is ValidatorStatus.Removed or ValidatorStatus.Tombstoned;
            var releaseAt = state.Config.ReleaseInactiveUnstakes && inactive
                ? ctx.Env.Time
                : ctx.Env.Time.PlusSeconds(state.Config.UnbondingPeriod);
            var claim = new UnbondingClaim(record.Amount, releaseAt, u.Validator, ctx.Env.Time);
            state = state.WithClaims(record.Owner, state.ClaimsOf(record.Owner).Add(claim));
        }
        return (state, Response.Empty.AddEvent(StakeEvent(ProviderEvents.AckUnstake, u.Key, u.Validator, record.Amount)));
    }

    /// <summary>
    /// The consumer kept the stake: what is left of the in-flight amount returns to the active stake (with no more shares
    /// than it took out), and whatever slashes and cuts took from it meanwhile goes to the consumer as a Burn.
    /// </summary>
    private static (ProviderState, Response) FailUnstake(ContractContext ctx, ProviderState state, ProviderPacket.Unstake u)
    {
        (state, var record) = TakeInFlightUnstake(state, u);
        var key = new StakeKey(record.Owner, record.Validator);
        if (!record.Amount.IsZero)
        {
            var shares = Amount.Min(record.Shares, state.Validators[record.Validator].TokensToShares(record.Amount));
            state = AddStake(state, key, record.Amount, shares);
        }
        var response = Response.Empty.AddEvent(StakeEvent(ProviderEvents.FailedUnstake, u.Key, u.Validator, u.Amount));
        return SendBurn(ctx, state, response, u.Validator, record.Sent - record.Amount);
    }

    /// <summary>The oldest in-flight unstake matching the packet; an ack with none is refused (the views have diverged).</summary>
    private static (ProviderState, InFlightUnstake) TakeInFlightUnstake(ProviderState state, ProviderPacket.Unstake u)
    {
        var i = state.InFlightUnstakes.FindIndex(r => r.Owner.Value == u.Key && r.Validator == u.Validator && r.Sent == u.Amount);
        if (i < 0) throw new ProviderError.UnknownInFlight($"unstake of {u.Amount} on {u.Validator} by {u.Key}").Raise();
        return (state with { InFlightUnstakes = state.InFlightUnstakes.RemoveAt(i) }, state.InFlightUnstakes[i]);
    }

    private static Event StakeEvent(string type, string owner, string validator, Amount amount) =>
        ProviderStakeFields.Event(type, owner, validator, amount);

    private static Event BurnEvent(string type, ProviderPacket.Burn b) => ProviderBurnFields.Event(type, b.Validator, b.Amount);
}
