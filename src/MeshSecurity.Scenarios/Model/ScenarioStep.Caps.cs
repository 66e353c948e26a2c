using MeshSecurity.Core.Contracts.MetaStaking;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record ScenarioStep
{
    /// <summary>
    /// The consumer chain's governance sets the link's cap on meta-staking (set_cap): a normalised consumer is rebalanced
    /// to it at once, a failing one only refuses new stake past it, and a zero cap evicts the provider.
    /// </summary>
    public sealed record SetCap(Duration At, string Provider, string Consumer, CapPolicy Cap) : ScenarioStep(At)
    {
        public override string Action => "set-cap";
    }
}
