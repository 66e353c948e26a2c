using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>
/// The slash warranty (docs/contracts.md, "Slashing"): a cross slash of fraction p for an infraction at time t reaches
/// every stake that was slashable at t, as the provider's books can know it: the active stake on the validator, every
/// unstake of it still in flight (the consumer holds that delegation until the Unstake packet arrives), and the unbonding
/// claims on it that the consumer let go at or after t (their Unstake was acknowledged then: production's
/// "release_at − unbonding_period &gt; infraction_time"). Without an infraction time only the first two are. The provider
/// slashes by this definition, reports the slashable total in its slash event, and the run's invariant and the property
/// test hold the amount slashed to it.
/// </summary>
public static class SlashWarranty
{
    /// <summary>The invariant's name, as the run's report and the property test give it.</summary>
    public const string Name = "slashed stake equals the stake slashable at the infraction";

    /// <summary>Whether an unbonding claim is slashable for an infraction of the validator at <paramref name="infraction"/>.</summary>
    public static bool Covers(ProviderState.UnbondingClaim claim, string validator, Timestamp? infraction) =>
        claim.Validator == validator && infraction is { } t && claim.LeftConsumerAt >= t;

    /// <summary>Σ of the stake slashable for an infraction of the validator: active, in flight out, and covered claims.</summary>
    public static Amount Slashable(ProviderState state, string validator, Timestamp? infraction)
    {
        var active = state.LockedOn(validator);
        var inFlight = state.InFlightUnstakes.Where(u => u.Validator == validator).Aggregate(Amount.Zero, (s, u) => s + u.Amount);
        var claims = state.Claims.Values.SelectMany(c => c).Where(c => Covers(c, validator, infraction))
            .Aggregate(Amount.Zero, (s, c) => s + c.Amount);
        return active + inFlight + claims;
    }

    /// <summary>
    /// Null when a slash of <paramref name="percentage"/> took its share of the slashable stake: at least
    /// floor(p × slashable) (each piece loses p rounded up, the active stake through its shares' floored value) and no
    /// more than there was; otherwise what is wrong.
    /// </summary>
    public static string? Check(Dec percentage, Amount slashable, Amount slashed)
    {
        var due = slashable.MulFloor(percentage);
        if (slashed < due) return $"slashed {slashed} of {slashable} slashable at {percentage}: at least {due} was due";
        return slashed > slashable ? $"slashed {slashed}, more than the {slashable} slashable" : null;
    }
}
