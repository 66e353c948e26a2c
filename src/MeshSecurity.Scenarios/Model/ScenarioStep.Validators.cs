using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record ScenarioStep
{
    /// <summary>
    /// An account delegates its own tokens to a validator of its chain (x/staking's MsgDelegate, no lockup): with
    /// `max-validators` below the validator count, this moves validators into and out of the active set.
    /// </summary>
    public sealed record Delegate(Duration At, string Chain, string Account, string Validator, Amount Amount) : ScenarioStep(At)
    {
        public override string Action => "delegate";
    }

    /// <summary>An account undelegates from a validator of its chain (x/staking's MsgUndelegate): its power falls at once.</summary>
    public sealed record Undelegate(Duration At, string Chain, string Account, string Validator, Amount Amount) : ScenarioStep(At)
    {
        public override string Action => "undelegate";
    }

    /// <summary>A jailed validator's operator sends MsgUnjail; it fails while the jail lasts (x/slashing's rule).</summary>
    public sealed record Unjail(Duration At, string Chain, string Validator) : ScenarioStep(At)
    {
        public override string Action => "unjail";
    }
}
