using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Steps of a chain's own validator lifecycle (docs/scenarios.md "Validator lifecycle"): native `delegate` and
/// `undelegate`, which move validators into and out of the active set, and `unjail`.
/// </summary>
internal sealed partial class ScenarioBuilder
{
    /// <summary>`delegate` or `undelegate`: an account and a validator of `chain`, and an amount of its denom.</summary>
    private ScenarioStep? ReadNativeDelegation(ObjectReader r, string action, Duration at)
    {
        var chain = ChainRef(r, "chain");
        var account = AccountRef(r, "account", chain);
        var validator = ValidatorRef(r, "validator", chain, _expectingError);
        var amount = r.Amount("amount", true, DenomOf(chain));
        if (chain is null || account is null || validator is null || amount is null) return null;
        return action == "delegate"
            ? new ScenarioStep.Delegate(at, chain, account, validator, amount.Value)
            : new ScenarioStep.Undelegate(at, chain, account, validator, amount.Value);
    }

    private ScenarioStep? ReadUnjail(ObjectReader r, Duration at)
    {
        var chain = ChainRef(r, "chain");
        var validator = ValidatorRef(r, "validator", chain);
        return chain is null || validator is null ? null : new ScenarioStep.Unjail(at, chain, validator);
    }
}
