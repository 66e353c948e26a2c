namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>
/// What meta-staking does when a consumer's stake would pass its cap (the seed's open question "Do we fail that extra
/// Stake? Do we normalize the validators within that consumer?").
/// </summary>
public enum OverCapPolicy
{
    /// <summary>The seed's first answer: a delegation past the cap fails (the stake packet is error-acked and rolled back).</summary>
    Fail,

    /// <summary>
    /// Production's answer (virtual-staking's rebalance): every request is kept and the delegations are its requests
    /// scaled down proportionally, floor(request × cap / Σ requests), whenever Σ requests passes the cap.
    /// </summary>
    Normalise,
}
