using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Collateral policies (docs/scenarios.md "Collateral"): a chain's `collateral` and `local-slash-ratio`, a link's
/// `slash-ratio`, and the vault's readings.
/// </summary>
internal sealed partial class ScenarioBuilder
{
    private enum CollateralKind { Seed, Vault }

    private static readonly Dictionary<string, CollateralKind> CollateralKinds = new(StringComparer.Ordinal)
    {
        ["seed"] = CollateralKind.Seed,
        ["vault"] = CollateralKind.Vault,
    };

    private static readonly string[] RatioKeys = ["double-sign", "downtime"];

    /// <summary>The chain's own downtime slash, which scenarios do not set: local staking's default downtime ratio.</summary>
    private static readonly Dec ChainDowntimeSlash =
        new ChainConfig { ChainId = "-", AddressPrefix = "-", BondDenom = "-" }.DowntimeSlashFraction;

    /// <summary>The chains whose lockup is a vault, with where each says so.</summary>
    private readonly Dictionary<string, string> _vaultChains = new(StringComparer.Ordinal);

    /// <summary>
    /// The chain's collateral policy: `seed` (default) or `vault`, whose local staking reserves `local-slash-ratio`
    /// (default: the chain's double-sign-slash, and its downtime slash). Null when something did not parse.
    /// </summary>
    private ScenarioChain? ReadCollateral(ObjectReader r, ScenarioChain? chain)
    {
        var kind = r.Has("collateral") ? r.Choice("collateral", false, CollateralKinds, "collateral policy") : CollateralKind.Seed;
        if (kind is null) return null;
        if (kind == CollateralKind.Seed)
        {
            if (r.Has("local-slash-ratio"))
                ctx.Error(r.PathOf("local-slash-ratio"),
                    "local-slash-ratio counts only under collateral = vault (the seed's rule reserves no slash ratio); " +
                    "add collateral = vault");
            return r.Has("local-slash-ratio") ? null : chain;
        }
        var fallback = new SlashRatio(chain?.DoubleSignSlash ?? ScenarioChain.DefaultDoubleSignSlash, ChainDowntimeSlash);
        var local = ReadSlashRatio(r, "local-slash-ratio", fallback);
        if (chain is null || local is null) return null;
        _vaultChains[chain.Id] = r.PathOf("collateral");
        return chain with { Collateral = new CollateralPolicy.Vault(local) };
    }

    /// <summary>
    /// A link's `slash-ratio`, only when its provider chain is a vault (default: the link's slash-fraction for double
    /// sign, no downtime); a vault also needs the intended profile. Returns false when something is wrong (reported).
    /// </summary>
    private bool ReadLinkSlashRatio(ObjectReader r, string? provider, Dec slashFraction, LinkProfile? profile, out SlashRatio? ratio)
    {
        ratio = null;
        if (provider is null || !_vaultChains.TryGetValue(provider, out var vaultPath))
        {
            if (!r.Has("slash-ratio")) return true;
            ctx.Error(r.PathOf("slash-ratio"),
                $"slash-ratio counts only when the provider chain's lockup is a vault; {provider ?? "the provider"} uses the seed's rule " +
                "(add collateral = vault to that chain)");
            return false;
        }
        if (profile == LinkProfile.Prototype2022)
        {
            ctx.Error(r.PathOf("profile"),
                $"{provider}'s lockup is a vault ({vaultPath}), which follows production: its links need profile = intended");
            return false;
        }
        ratio = ReadSlashRatio(r, "slash-ratio", new SlashRatio(slashFraction, Dec.Zero));
        return ratio is not null;
    }

    /// <summary>`{ double-sign = "0.1", downtime = "0.01" }`, each a fraction from 0 to 1, each defaulting to the fallback's.</summary>
    private SlashRatio? ReadSlashRatio(ObjectReader r, string key, SlashRatio fallback)
    {
        if (!r.Has(key)) return fallback;
        var o = r.Object(key, false, "the slash ratios", RatioKeys);
        if (o is null) return null;
        var doubleSign = Fraction(o, "double-sign", fallback.DoubleSign);
        var downtime = Fraction(o, "downtime", fallback.Downtime);
        o.Finish($"in {key}");
        return doubleSign is null || downtime is null ? null : new SlashRatio(doubleSign.Value, downtime.Value);
    }

    /// <summary>
    /// slashable, max-lien and local-lien read a lockup account (slashable only a vault's: the seed's rule keeps none);
    /// lien-low and lien-high a link's lien, as claim does.
    /// </summary>
    private Expectation? ReadLienExpectation(ObjectReader r, string what, Duration at)
    {
        if (what is "lien-low" or "lien-high")
        {
            var (p, c, lienAccount) = ClaimTarget(r, "lien");
            var lien = ReadEquals(r, DenomOf(p));
            return lienAccount is not null && lien is not null
                ? new Expectation.Lien(at, lienAccount, p!, c!, what == "lien-high", lien.Value)
                : null;
        }
        var chain = LockupChainRef(r);
        if (what == "slashable" && chain is not null && !_vaultChains.ContainsKey(chain))
        {
            ctx.Error(r.PathOf("chain"),
                $"{chain}'s lockup follows the seed's rule, which keeps no slashable total; add collateral = vault to {chain}");
            chain = null;
        }
        var account = AccountRef(r, "account", chain);
        var expected = ReadEquals(r, DenomOf(chain));
        if (chain is null || account is null || expected is null) return null;
        return what switch
        {
            "slashable" => new Expectation.Slashable(at, chain, account, expected.Value),
            "max-lien" => new Expectation.MaxLien(at, chain, account, expected.Value),
            _ => new Expectation.LocalLien(at, chain, account, expected.Value),
        };
    }
}
