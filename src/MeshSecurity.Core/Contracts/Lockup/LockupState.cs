using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>
/// mesh-lockup's state: immutable; accounts sorted by address so every sweep runs in the same order everywhere (a
/// <see cref="VersionedMap{TKey, TValue}"/>: a value like the immutable map it replaced, at one small object per write).
/// Per account: bonded tokens (owned by the user, wherever they sit: in the lockup's bank balance, delegated or
/// unbonding), the claims in the order they were granted, and the local stake. The lockup's own address holds the
/// claim for local staking, kept equal to local stake + owned local unbondings, so the claim rules cover it too.
/// </summary>
public sealed record LockupState(LockupState.Settings Config, VersionedMap<Addr, LockupState.Account> Accounts)
{
    public static LockupState Create(Settings config) => new(config, VersionedMap<Addr, Account>.Create());

    /// <summary>
    /// Accounts holding unbondings to burn, kept by <see cref="WithAccount"/>, so the sweep every call starts with costs
    /// nothing when there is none (it used to scan every account: quadratic in the number of stakers).
    /// </summary>
    public ImmutableSortedSet<Addr> WithBurns { get; init; } = ImmutableSortedSet<Addr>.Empty;

    /// <summary><paramref name="Collateral"/>: the seed's rule or production's vault (docs/contracts.md, "Collateral").</summary>
    public sealed record Settings(string Denom, ulong UnbondingPeriod, MeshProfile Profile)
    {
        public CollateralPolicy Collateral { get; init; } = CollateralPolicy.SeedRule;

        public bool IsVault => Collateral is CollateralPolicy.Vault;

        /// <summary>The ratio the lockup's own lien (local staking) reserves: 0 under the seed's rule.</summary>
        public Dec LocalRatio => Collateral is CollateralPolicy.Vault v ? v.Local.Max : Dec.Zero;
    }

    /// <summary>
    /// The slash ratios lien holders declared (vault only): a lien takes its holder's ratio when it is first granted and
    /// keeps it (production reads max_slash at the first stake and never again).
    /// </summary>
    public ImmutableSortedDictionary<Addr, SlashRatio> SlashRatios { get; init; } = ImmutableSortedDictionary<Addr, SlashRatio>.Empty;

    /// <summary>
    /// A claim (lien): <paramref name="Amount"/> is its high bound, what it would be if every stake in flight commits;
    /// <see cref="Pending"/> is the part in flight (vault only, always 0 under the seed's rule), <see cref="Ratio"/> the
    /// share of it a slash can take (vault only).
    /// </summary>
    public sealed record Lien(Addr Lienholder, Amount Amount)
    {
        public Amount Pending { get; init; }

        public Dec Ratio { get; init; }

        public ValueRange Range => new(Amount - Pending, Amount);

        public Lien WithRange(ValueRange r) => this with { Amount = r.High, Pending = r.Pending };
    }

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

        /// <summary>Σ floor(lien × ratio), floored per operation as production's total_slashable (0 under the seed's rule).</summary>
        public ValueRange Slashable { get; init; }

        // loops, not LINQ, in this record's per-write helpers: a closure, a delegate or a boxed enumerator per call
        // was a tail of garbage per cross-stake (docs/bench.md, "Allocation per relayed packet (session 17)")
        public Amount MaxClaim
        {
            get
            {
                var max = Amount.Zero;
                foreach (var c in Claims) max = Amount.Max(max, c.Amount);
                return max;
            }
        }

        /// <summary>
        /// What the owner may withdraw, the pessimistic bound: bonded − max(max claim, slashable high), saturating. Under the
        /// seed's rule slashable is 0, so this is the seed's bonded − max claim.
        /// </summary>
        public Amount Free => Bonded.SaturatingSub(Amount.Max(MaxClaim, Slashable.High));

        public Amount LocalStaked => LocalStakes.Values.Aggregate(Amount.Zero, (s, a) => s + a);

        /// <summary>Unbonding tokens the owner still owns (not to be burned).</summary>
        public Amount OwnedUnbonding
        {
            get
            {
                var sum = Amount.Zero;
                foreach (var u in Unbondings)
                    if (!u.Burn) sum += u.Amount;
                return sum;
            }
        }

        /// <summary>What the lockup's own claim must be: local stake plus owned unbondings.</summary>
        public Amount LocalClaim => LocalStaked + OwnedUnbonding;

        /// <summary>Owned tokens sitting in the lockup's bank balance; never negative while LocalClaim ≤ Bonded.</summary>
        public Amount Liquid => Bonded.SaturatingSub(LocalClaim);

        public Lien? ClaimOf(Addr lienholder) => IndexOf(lienholder) is var i and >= 0 ? Claims[i] : null;

        private int IndexOf(Addr lienholder)
        {
            var i = 0;
            foreach (var c in Claims)
            {
                if (c.Lienholder == lienholder) return i;
                i++;
            }
            return -1;
        }

        /// <summary>Whether some unbonding is to be burned when it comes back.</summary>
        internal bool HasBurns
        {
            get
            {
                foreach (var u in Unbondings)
                    if (u.Burn) return true;
                return false;
            }
        }

        public Amount LocalStakeOn(string validator) => LocalStakes.GetValueOrDefault(validator, Amount.Zero);

        /// <summary>Sets a claim in place (keeping the grant order), appends a new one, or removes it when <paramref name="remove"/>.</summary>
        /// <summary>
        /// A claim's new high bound keeps its ratio and as much of its pending part as still fits; a new claim takes
        /// <paramref name="ratio"/> and nothing pending.
        /// </summary>
        public Account WithClaim(Addr lienholder, Amount amount, bool remove = false, Dec ratio = default)
        {
            var i = IndexOf(lienholder);
            if (remove) return i < 0 ? this : this with { Claims = Claims.RemoveAt(i) };
            var lien = i < 0
                ? new Lien(lienholder, amount) { Ratio = ratio }
                : Claims[i] with { Amount = amount, Pending = Amount.Min(Claims[i].Pending, amount) };
            return this with { Claims = i < 0 ? Claims.Add(lien) : Claims.SetItem(i, lien) };
        }

        /// <summary>Sets a lien (keeping the grant order), or removes it when its high bound is 0.</summary>
        public Account WithLien(Lien lien)
        {
            var i = IndexOf(lien.Lienholder);
            if (lien.Amount.IsZero) return i < 0 ? this : this with { Claims = Claims.RemoveAt(i) };
            return this with { Claims = i < 0 ? Claims.Add(lien) : Claims.SetItem(i, lien) };
        }

        public Account WithLocalStake(string validator, Amount amount) =>
            this with { LocalStakes = amount.IsZero ? LocalStakes.Remove(validator) : LocalStakes.SetItem(validator, amount) };

        /// <summary>
        /// Makes the lockup's own claim equal <see cref="LocalClaim"/>, dropping it at zero; the slashable total follows by
        /// floor(change × the lien's ratio), as production's stake_local and release_local_stake (0 under the seed's rule).
        /// </summary>
        public Account SyncLocalClaim(Addr self, Dec ratio)
        {
            var want = LocalClaim;
            var have = ClaimOf(self);
            var before = have?.Amount ?? Amount.Zero;
            if (before == want) return this;
            var r = have?.Ratio ?? ratio;
            var slashable = want > before ? Slashable.Add((want - before).MulFloor(r)) : Slashable.Sub((before - want).MulFloor(r));
            var next = want.IsZero ? WithClaim(self, Amount.Zero, remove: true) : WithClaim(self, want, ratio: r);
            return next with { Slashable = slashable };
        }
    }

    public Account? AccountOf(Addr owner) => Accounts.GetValueOrDefault(owner);

    public LockupState WithAccount(Addr owner, Account account) => this with
    {
        Accounts = Accounts.SetItem(owner, account),
        WithBurns = account.HasBurns ? WithBurns.Add(owner) : WithBurns.Remove(owner),
    };
}
