using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>
/// How much one consumer contract (one provider's link) may delegate on this chain: the seed's open question "a fixed
/// number (# of JUNO), but better to do something like max 10 % of total staking power". Production chose the fixed
/// amount (x/meshsecurity's max cap). Set by governance at add_consumer or with set_cap; a zero cap evicts the provider.
/// </summary>
[ExternallyTagged]
public abstract record CapPolicy
{
    private CapPolicy() { }

    /// <summary>At most <paramref name="Amount"/> of the bond denom (seed, production).</summary>
    public sealed record Fixed(Amount Amount) : CapPolicy;

    /// <summary>
    /// At most <paramref name="Share"/> of the chain's total bonded stake, this consumer's delegations included:
    /// the consumer's limit is floor(others × share / (1 − share)), so that mine / (others + mine) ≤ share.
    /// Contract: 0 ≤ share &lt; 1.
    /// </summary>
    public sealed record Fraction(Dec Share) : CapPolicy;

    /// <summary>A cap that lets nothing in: the provider is evicted.</summary>
    public bool IsZero => this switch
    {
        Fixed f => f.Amount.IsZero,
        Fraction f => f.Share.IsZero,
        _ => false,
    };
}
