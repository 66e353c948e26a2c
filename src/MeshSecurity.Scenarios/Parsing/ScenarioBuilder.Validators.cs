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

    /// <summary>The states a provider records for a consumer validator, as `validator-state` names them.</summary>
    internal static readonly IReadOnlyList<string> ValidatorStates = ["active", "removed", "jailed", "tombstoned", "unknown"];

    /// <summary>`what = validator-state`: the link, a validator of its consumer, `as-of` (optional), and a state.</summary>
    private Expectation.ValidatorStateOf? ReadValidatorState(ObjectReader r, Duration at)
    {
        var (p, c, linked) = LinkRef(r);
        var validator = ValidatorRef(r, "validator", c);
        var asOf = r.Has("as-of") ? r.Duration("as-of", false) : null;
        var ok = !r.Has("as-of") || asOf is not null;
        if (asOf is { } t && t > at)
        {
            ctx.Error(r.PathOf("as-of"), $"expected a time at or before the expectation's at ({at}), got {t}: the history is read then");
            ok = false;
        }
        var state = ReadEqualsWord(r, "validator state", ValidatorStates, ref ok);
        return linked && ok && validator is not null
            ? new Expectation.ValidatorStateOf(at, p!, c!, validator, asOf, state ?? "")
            : null;
    }
}
