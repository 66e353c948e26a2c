namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>
/// How a provider chain's lockup counts what a user's collateral backs (issue 15 item 1, the seed's open question on
/// slashable collateral). <see cref="Seed"/>: free = bonded − the largest claim. <see cref="Vault"/>: production's
/// vault, free = collateral − max(largest lien, Σ lien × slash ratio), cross-stakes in flight held as ranges
/// (<see cref="Math.ValueRange"/>) that the provider's ack commits or rolls back, and slashes propagated as production
/// does (<see cref="VaultRule"/>).
/// </summary>
[ExternallyTagged]
public abstract record CollateralPolicy
{
    private CollateralPolicy() { }

    public static readonly CollateralPolicy SeedRule = new Seed();

    public sealed record Seed : CollateralPolicy;

    /// <summary><paramref name="Local"/>: the ratios of the lockup's own lien, local staking on the provider chain.</summary>
    public sealed record Vault(SlashRatio Local) : CollateralPolicy;
}
