using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>
/// mesh-lockup's state: immutable; accounts sorted by address so every sweep runs in the same order everywhere.
/// Per account: bonded tokens (owned by the user, wherever they sit: in the lockup's bank balance, delegated or
/// unbonding), the claims in the order they were granted, and the local stake. The lockup's own address holds the
/// claim for local staking, kept equal to local stake + owned local unbondings, so the claim rules cover it too.
/// </summary>
public sealed record LockupState(LockupState.Settings Config, ImmutableSortedDictionary<Addr, LockupState.Account> Accounts)
{
    public static LockupState Create(Settings config) => new(config, ImmutableSortedDictionary<Addr, Account>.Empty);

    /// <summary>
    /// Accounts holding unbondings to burn, kept by <see cref="WithAccount"/>, so the sweep every call starts with costs
    /// nothing when there is none (it used to scan every account: quadratic in the number of stakers).
    /// </summary>
    public ImmutableSortedSet<Addr> WithBurns { get; init; } = ImmutableSortedSet<Addr>.Empty;

    public sealed record Settings(string Denom, ulong UnbondingPeriod, MeshProfile Profile);

    public sealed record Lien(Addr Lienholder, Amount Amount);

    /// <summary>
    /// Tokens on their way back from a local delegation. <paramref name="Burn"/>: no longer owned by the user (a slash
    /// took them while they were delegated); they are burned when they come back.
    /// </summary>
    public sealed record LocalUnbonding(string Validator, Amount Amount, Timestamp ReleaseAt, ulong StartedHeight, bool Burn);

    public sealed record Account(
        Amount Bonded,
        ImmutableList<Lien> Claims,
        ImmutableSortedDictionary<string, Amount> LocalStakes,
        ImmutableList<LocalUnbonding> Unbondings)
    {
        public static readonly Account Empty = new(
            Amount.Zero,
            ImmutableList<Lien>.Empty,
            ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal),
            ImmutableList<LocalUnbonding>.Empty);

        public Amount MaxClaim => Claims.Aggregate(Amount.Zero, (m, c) => Amount.Max(m, c.Amount));

        /// <summary>What the owner may withdraw: bonded − max claim, saturating (the seed's free).</summary>
        public Amount Free => Bonded.SaturatingSub(MaxClaim);

        public Amount LocalStaked => LocalStakes.Values.Aggregate(Amount.Zero, (s, a) => s + a);

        /// <summary>Unbonding tokens the owner still owns (not to be burned).</summary>
        public Amount OwnedUnbonding => Unbondings.Where(u => !u.Burn).Aggregate(Amount.Zero, (s, u) => s + u.Amount);

        /// <summary>What the lockup's own claim must be: local stake plus owned unbondings.</summary>
        public Amount LocalClaim => LocalStaked + OwnedUnbonding;

        /// <summary>Owned tokens sitting in the lockup's bank balance; never negative while LocalClaim ≤ Bonded.</summary>
        public Amount Liquid => Bonded.SaturatingSub(LocalClaim);

        public Lien? ClaimOf(Addr lienholder) => Claims.FirstOrDefault(c => c.Lienholder == lienholder);

        public Amount LocalStakeOn(string validator) => LocalStakes.GetValueOrDefault(validator, Amount.Zero);

        /// <summary>Sets a claim in place (keeping the grant order), appends a new one, or removes it when <paramref name="remove"/>.</summary>
        public Account WithClaim(Addr lienholder, Amount amount, bool remove = false)
        {
            var i = Claims.FindIndex(c => c.Lienholder == lienholder);
            if (remove) return i < 0 ? this : this with { Claims = Claims.RemoveAt(i) };
            var lien = new Lien(lienholder, amount);
            return this with { Claims = i < 0 ? Claims.Add(lien) : Claims.SetItem(i, lien) };
        }

        public Account WithLocalStake(string validator, Amount amount) =>
            this with { LocalStakes = amount.IsZero ? LocalStakes.Remove(validator) : LocalStakes.SetItem(validator, amount) };

        /// <summary>Makes the lockup's own claim equal <see cref="LocalClaim"/>, dropping it at zero.</summary>
        public Account SyncLocalClaim(Addr self)
        {
            var want = LocalClaim;
            var have = ClaimOf(self);
            if (want.IsZero) return have is null ? this : WithClaim(self, Amount.Zero, remove: true);
            return have?.Amount == want ? this : WithClaim(self, want);
        }
    }

    public Account? AccountOf(Addr owner) => Accounts.GetValueOrDefault(owner);

    public LockupState WithAccount(Addr owner, Account account) => this with
    {
        Accounts = Accounts.SetItem(owner, account),
        WithBurns = account.Unbondings.Any(u => u.Burn) ? WithBurns.Add(owner) : WithBurns.Remove(owner),
    };
}
