using MeshSecurity.Core.Types;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record ScenarioStep
{
    /// <summary>
    /// Governance mints <paramref name="Amount"/> on <paramref name="Chain"/> to an account (<paramref name="Account"/>)
    /// or to a mesh contract (<paramref name="Contract"/>: "lockup", "meta-staking", or a link's "provider", "slasher" or
    /// "consumer", the link named by <paramref name="Provider"/> and <paramref name="Consumer"/>).
    /// </summary>
    public sealed record Mint(
        Duration At, string Chain, string? Account, string? Contract, string? Provider, string? Consumer, Coins Amount) : ScenarioStep(At)
    {
        public override string Action => "mint";
    }
}
