using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>Slashing, jailing and tombstoning (x/staking's Slash with x/slashing's and x/evidence's handlers).</summary>
public static partial class StakingModule
{
    /// <summary>
    /// The SDK's Slash. The amount to slash is floor(fraction × (validator tokens + balances of its slashable unbonding
    /// entries)), where slashable entries were created at or after <paramref name="infractionHeight"/> and are not yet
    /// mature. We keep no power history, so this stands in for the SDK's "power at the infraction height".
    /// Each slashable entry first loses floor(InitialBalance × fraction), capped at its balance, burned from the
    /// not-bonded pool; the rest of the amount, capped at the validator's tokens, is burned from its tokens in the
    /// bonded pool. Shares do not change, so every delegator loses in proportion. Returns the total burned.
    /// Refuses fractions above 1, infractions above the current height and unknown validators.
    /// </summary>
    public static (ChainState State, Amount Burned) Slash(
        this ChainState chain, Addr validator, ulong infractionHeight, Dec fraction, IList<Event> events)
    {
        if (fraction > Dec.One) throw new StakingError.InvalidSlashFraction(fraction).Raise();
        if (infractionHeight > chain.Height) throw new StakingError.InfractionInFuture(infractionHeight, chain.Height).Raise();
        var v = chain.RequireValidator(validator);

        var queue = chain.Staking.UnbondingQueue;
        var slashable = queue.EntriesOf(validator)
            .Where(x => x.Entry.CreationHeight >= infractionHeight && x.Entry.CompletionTime > chain.Time)
            .ToList();
        var basis = slashable.Aggregate(v.Tokens, (sum, x) => sum + x.Entry.Balance);
        var toSlash = basis.MulFloor(fraction);

        var fromEntries = Amount.Zero;
        var cuts = new List<(long Id, Amount Balance)>();
        foreach (var (id, e) in slashable)
        {
            var cut = Amount.Min(e.InitialBalance.MulFloor(fraction), e.Balance);
            if (cut.IsZero) continue;
            cuts.Add((id, e.Balance - cut));
            fromEntries += cut;
        }
        var fromTokens = Amount.Min(toSlash.SaturatingSub(fromEntries), v.Tokens);

        chain.Bank.Burn(chain.NotBondedPool(), chain.Bond(fromEntries));
        chain.Bank.Burn(chain.BondedPool(), chain.Bond(fromTokens));
        // the entries lose their cuts once the burns succeeded, so a refused burn leaves the queue as it was
        foreach (var (id, balance) in cuts) queue.SetBalance(id, balance);
        var s = chain;
        s = s.WithValidator(v with { Tokens = v.Tokens - fromTokens });
        var burned = fromEntries + fromTokens;
        events.Add(SlashFields.Event(validator, infractionHeight, fraction, s.BondString(burned)));
        return (s, burned);
    }

    /// <summary>
    /// Jails the validator until <paramref name="until"/>: it loses its voting power now and leaves the set at the next
    /// EndBlock. Jailing a jailed validator only extends JailedUntil (no event).
    /// </summary>
    public static ChainState Jail(this ChainState chain, Addr validator, Timestamp until, IList<Event> events)
    {
        var v = chain.RequireValidator(validator);
        if (v.Jailed)
            return until > v.JailedUntil ? chain.WithValidator(v with { JailedUntil = until }) : chain;
        events.Add(JailFields.Event(validator, until));
        return chain.WithValidator(v with { Jailed = true, JailedUntil = until });
    }

    /// <summary>Unjails the validator; refuses if it is not jailed, tombstoned, or Time is before JailedUntil.</summary>
    public static ChainState Unjail(this ChainState chain, Addr validator, IList<Event> events)
    {
        var v = chain.RequireValidator(validator);
        if (!v.Jailed) throw new StakingError.NotJailed(validator).Raise();
        if (v.Tombstoned) throw new StakingError.ValidatorTombstoned(validator).Raise();
        if (chain.Time < v.JailedUntil) throw new StakingError.StillJailed(validator, v.JailedUntil).Raise();
        events.Add(ValidatorFields.Event(StakingEvents.Unjail, validator));
        return chain.WithValidator(v with { Jailed = false });
    }

    /// <summary>Tombstones the validator and jails it forever; refuses a tombstoned one (AlreadyTombstoned).</summary>
    public static ChainState Tombstone(this ChainState chain, Addr validator, IList<Event> events)
    {
        var v = chain.RequireValidator(validator);
        if (v.Tombstoned) throw new StakingError.AlreadyTombstoned(validator).Raise();
        var s = chain.Jail(validator, Validator.Forever, events);
        events.Add(ValidatorFields.Event(StakingEvents.Tombstone, validator));
        return s.WithValidator(s.RequireValidator(validator) with { Tombstoned = true });
    }

    /// <summary>
    /// Evidence of a double sign at <paramref name="infractionHeight"/>: slash by DoubleSignSlashFraction, jail forever,
    /// tombstone. A tombstoned validator cannot be punished twice (AlreadyTombstoned). Returns the total burned.
    /// </summary>
    public static (ChainState State, Amount Burned) HandleDoubleSign(
        this ChainState chain, Addr validator, ulong infractionHeight, IList<Event> events)
    {
        if (chain.RequireValidator(validator).Tombstoned) throw new StakingError.AlreadyTombstoned(validator).Raise();
        var (s, burned) = chain.Slash(validator, infractionHeight, chain.Config.DoubleSignSlashFraction, events);
        return (s.Tombstone(validator, events), burned);
    }

    /// <summary>
    /// Downtime at <paramref name="infractionHeight"/>: slash by DowntimeSlashFraction and jail for DowntimeJailSeconds.
    /// A no-op (nothing burned) for a validator already jailed, as x/slashing skips jailed validators.
    /// </summary>
    public static (ChainState State, Amount Burned) HandleDowntime(
        this ChainState chain, Addr validator, ulong infractionHeight, IList<Event> events)
    {
        if (chain.RequireValidator(validator).Jailed) return (chain, Amount.Zero);
        var (s, burned) = chain.Slash(validator, infractionHeight, chain.Config.DowntimeSlashFraction, events);
        return (s.Jail(validator, s.Time.PlusSeconds(s.Config.DowntimeJailSeconds), events), burned);
    }
}
