using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>The readings of a provider chain's lockup under a collateral policy (docs/scenarios.md "Collateral").</summary>
public abstract partial record Expectation
{
    /// <summary>The vault's slashable total of the account, Σ floor(lien × ratio) per operation (its high bound).</summary>
    public sealed record Slashable(Duration At, string Chain, string Account, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "slashable";
    }

    /// <summary>The account's largest lien (its high bound: stakes in flight count).</summary>
    public sealed record MaxLien(Duration At, string Chain, string Account, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "max-lien";
    }

    /// <summary>The lockup's own lien on the account: its local stake plus what it still owns unbonding.</summary>
    public sealed record LocalLien(Duration At, string Chain, string Account, Amount Expected) : Expectation(At, Expected)
    {
        public override string What => "local-lien";
    }

    /// <summary>
    /// One bound of the lien the link's provider contract holds on the account: low if every stake in flight rolls back,
    /// high if every one commits (0 when none).
    /// </summary>
    public sealed record Lien(Duration At, string Account, string Provider, string Consumer, bool High, Amount Expected)
        : Expectation(At, Expected)
    {
        public override string What => High ? "lien-high" : "lien-low";
    }
}
