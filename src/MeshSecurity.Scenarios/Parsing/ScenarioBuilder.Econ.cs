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

    /// <summary>The links with a price feed: a price shock acts on their oracle.</summary>
    private readonly HashSet<(string, string)> _pricedLinks = [];

    /// <summary>`econ.price-shock`: a link with a `price` feed and a factor above 0.</summary>
    private ChaosSpec? ReadPriceShock(ObjectReader r)
    {
        var (p, c, linked) = LinkRef(r);
        var factor = PositivePrice(r, "factor");
        if (linked && !_pricedLinks.Contains((p!, c!)))
        {
            ctx.Error(r.PathOf("consumer"), $"the link {p} -> {c} has a fixed exchange-rate, no price feed to shock; links with a price: " +
                ListOf(_linkOrder.Where(_pricedLinks.Contains).Select(l => $"{l.Provider} -> {l.Consumer}"), "(none)"));
            return null;
        }
        return linked && factor is not null ? new ChaosSpec.EconPriceShock(p!, c!, factor.Value) : null;
    }
}
