using System.Collections.Immutable;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>
/// The messages of mesh-lockup (the "vault") and its query answers. The wire keeps the seed's spelling
/// "leinholder"; the C# names are spelt right. Its sudo messages are the chain's <see cref="Apis.ChainHook"/>s.
/// </summary>
public static class LockupMsg
{
    /// <summary>
    /// <paramref name="UnbondingPeriod"/> is the chain's unbonding period in seconds (local unbondings mature after it;
    /// default 21 days); <paramref name="Profile"/> defaults to <see cref="MeshProfile.Intended"/>.
    /// </summary>
    /// <paramref name="Collateral"/> defaults to the seed's rule.
    public sealed record Instantiate(
        string Denom, ulong? UnbondingPeriod = null, MeshProfile? Profile = null, CollateralPolicy? Collateral = null);

    [ExternallyTagged]
    public abstract record Execute
    {
        private Execute() { }

        /// <summary>Deposits exactly one coin of the denom (cw-utils must_pay).</summary>
        public sealed record Bond : Execute;

        /// <summary>Withdraws up to free = bonded − max claim. Non-payable.</summary>
        public sealed record Unbond(Amount Amount) : Execute;

        /// <summary>
        /// Gives <paramref name="Lienholder"/> a claim on the sender's bonded tokens and calls its receive_claim
        /// atomically: if the lienholder refuses, the grant reverts. A zero amount is left to the lienholder to refuse.
        /// </summary>
        public sealed record GrantClaim([property: JsonPropertyName("leinholder")] string Lienholder, Amount Amount, string Validator) : Execute;

        /// <summary>Contract: sent by the lienholder (sender); lowers its claim, removing it at zero. Bonded is unchanged.</summary>
        public sealed record ReleaseClaim(string Owner, Amount Amount) : Execute;

        /// <summary>Contract: sent by the lienholder; lowers its claim and bonded by the amount, then propagates.</summary>
        public sealed record SlashClaim(string Owner, Amount Amount) : Execute;

        /// <summary>The batch form of <see cref="SlashClaim"/>, applied in order (one validator's slash hits many owners).</summary>
        public sealed record SlashClaims(ImmutableArray<OwnerAmount> Slashes) : Execute;

        /// <summary>Delegates bonded tokens to a validator of this chain; the lockup holds the claim for them.</summary>
        public sealed record StakeLocal(string Validator, Amount Amount) : Execute;

        /// <summary>Undelegates local stake; the claim stays until <see cref="ReleaseLocal"/> after the unbonding period.</summary>
        public sealed record UnstakeLocal(string Validator, Amount Amount) : Execute;

        /// <summary>Releases the sender's matured local unbondings (the tokens become free again).</summary>
        public sealed record ReleaseLocal : Execute;

        /// <summary>
        /// Vault only: the sender, a lien holder, declares the most it can slash of a lien (production's max_slash query);
        /// liens granted to it afterwards take it. Refused by a lockup under the seed's rule.
        /// </summary>
        public sealed record DeclareSlashRatio(Dec DoubleSign, Dec Downtime) : Execute;

        /// <summary>Vault: the sender's stake of the amount for the owner was acknowledged (production's commit_tx).</summary>
        public sealed record CommitClaim(string Owner, Amount Amount) : Execute;

        /// <summary>Vault: the sender's stake of the amount for the owner failed or timed out (production's rollback_tx).</summary>
        public sealed record RollbackClaim(string Owner, Amount Amount) : Execute;
    }

    /// <summary>One owner's share of a batch slash.</summary>
    public sealed record OwnerAmount(string Owner, Amount Amount);

    [ExternallyTagged]
    public abstract record Query
    {
        private Query() { }

        /// <summary>Answers <see cref="BalanceResponse"/>; fails for an account that never bonded.</summary>
        public sealed record Balance(string Account) : Query;

        /// <summary>Answers <see cref="LocalStakesResponse"/> (empty for an unknown account).</summary>
        public sealed record LocalStakes(string Account) : Query;

        /// <summary>Answers <see cref="ConfigResponse"/>.</summary>
        public sealed record Config : Query;

        /// <summary>Answers <see cref="LiensResponse"/> (all zero for an unknown account).</summary>
        public sealed record Liens(string Account) : Query;
    }

    /// <summary>
    /// The vault's view of one account (production's account_details): collateral, free (the pessimistic bound), the
    /// largest lien and the slashable total as ranges, and each lien in grant order. Under the seed's rule the ranges are
    /// settled and slashable is 0.
    /// </summary>
    public sealed record LiensResponse(
        Amount Collateral, Amount Free, ValueRange MaxLien, ValueRange Slashable, ImmutableArray<LienResponse> Liens);

    /// <summary>One lien: its holder (the lockup's own address for local staking), its range and its slash ratio.</summary>
    public sealed record LienResponse([property: JsonPropertyName("leinholder")] Addr Lienholder, ValueRange Amount, Dec Ratio);

    /// <summary>Claims in the order they were granted; the lockup's own claim (local staking) is listed under its own address.</summary>
    /// <summary><see cref="Slashable"/>: the vault's slashable total (high bound), null under the seed's rule.</summary>
    public sealed record BalanceResponse(Amount Bonded, Amount Free, ImmutableArray<ClaimResponse> Claims)
    {
        public Amount? Slashable { get; init; }
    }

    public sealed record ClaimResponse([property: JsonPropertyName("leinholder")] Addr Lienholder, Amount Amount);

    /// <summary>Stakes by validator ascending; unbondings in the order they started (Burn: owed to nobody, burned when it matures).</summary>
    public sealed record LocalStakesResponse(ImmutableArray<LocalStakeResponse> Stakes, ImmutableArray<LocalUnbondingResponse> Unbondings);

    public sealed record LocalStakeResponse(string Validator, Amount Amount);

    public sealed record LocalUnbondingResponse(string Validator, Amount Amount, Timestamp ReleaseAt, bool Burn);

    public sealed record ConfigResponse(string Denom, ulong UnbondingPeriod, MeshProfile Profile)
    {
        public CollateralPolicy Collateral { get; init; } = CollateralPolicy.SeedRule;
    }
}
