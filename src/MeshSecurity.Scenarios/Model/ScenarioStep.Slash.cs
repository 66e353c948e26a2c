using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record ScenarioStep
{
    /// <summary>
    /// The provider-side slash of a consumer validator, as the link's mesh-slasher sends it (its owner's slash): a
    /// <paramref name="Fraction"/> of the stake slashable at <paramref name="InfractionAt"/> (scenario time, at or before
    /// the step), tombstoning the validator on the provider when <paramref name="ForceUnbond"/>.
    /// </summary>
    public sealed record Slash(
        Duration At, string Provider, string Consumer, string Validator, Dec Fraction, bool ForceUnbond, Duration InfractionAt)
        : ScenarioStep(At)
    {
        public override string Action => "slash";
    }
}
