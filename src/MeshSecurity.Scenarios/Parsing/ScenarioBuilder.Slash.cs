using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    private static readonly Dictionary<string, bool> Booleans = new(StringComparer.Ordinal) { ["true"] = true, ["false"] = false };

    /// <summary>
    /// `action = slash`: the link, a consumer validator, a fraction in (0, 1], force-unbond (default false) and
    /// infraction-at (default at).
    /// </summary>
    private ScenarioStep? ReadSlash(ObjectReader r, Duration at)
    {
        var (p, c, linked) = LinkRef(r);
        var validator = ValidatorRef(r, "validator", c);
        var fraction = PositiveFraction(r, "fraction", required: true);
        var forceUnbond = r.Has("force-unbond") ? r.Choice("force-unbond", false, Booleans, "force-unbond value") : false;
        var infraction = r.Has("infraction-at") ? r.Duration("infraction-at", false) : at;
        if (infraction is { } i && i > at)
        {
            ctx.Error(r.PathOf("infraction-at"), $"the infraction must come at or before the slash (at = {at}), got {i}");
            infraction = null;
        }
        return linked && validator is not null && fraction is not null && forceUnbond is not null && infraction is not null
            ? new ScenarioStep.Slash(at, p!, c!, validator, fraction.Value, forceUnbond.Value, infraction.Value)
            : null;
    }

    /// <summary>A slash fraction: a decimal above 0 (the provider refuses a zero slash) and at most 1.</summary>
    private Dec? PositiveFraction(ObjectReader r, string key, bool required = false)
    {
        var d = r.Dec(key, required);
        if (d is null) return null;
        if (!d.Value.IsZero && d.Value <= Dec.One) return d;
        ctx.Error(r.PathOf(key), $"expected a fraction above 0 and at most 1, got {d.Value}");
        return null;
    }
}
