using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>`econ.withdraw-race`: a link, an account of its provider, and a validator of its consumer (default its first).</summary>
    private ChaosSpec? ReadWithdrawRace(ObjectReader r)
    {
        var (p, c, linked) = LinkRef(r);
        // without the link, its provider's accounts are beside the point
        var account = AccountRef(r, "account", linked ? p : null);
        var validator = r.Has("validator") ? ValidatorRef(r, "validator", c) : c is not null && _chains.TryGetValue(c, out var e)
            ? e.Validators.FirstOrDefault() : null;
        if (!linked || account is null || validator is null) return null;
        return new ChaosSpec.EconWithdrawRace(p!, c!, account, validator);
    }
}
