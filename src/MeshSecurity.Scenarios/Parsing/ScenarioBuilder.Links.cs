using System.Collections.Immutable;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    private static readonly string[] LinkKeys =
        [
            "provider", "consumer", "exchange-rate", "staking-funds", "packet-lifetime", "ordering", "relayer", "profile", "slash-fraction",
            "cap", "over-cap", "price", "inactive-unstake", "slash-ratio",
        ];

    private static readonly Dictionary<string, IbcOrder> Orderings = new(StringComparer.Ordinal)
    {
        ["unordered"] = IbcOrder.Unordered,
        ["ordered"] = IbcOrder.Ordered,
    };

    private static readonly Dictionary<string, InactiveUnstake> InactiveUnstakes = new(StringComparer.Ordinal)
    {
        ["after-unbonding"] = InactiveUnstake.AfterUnbonding,
        ["at-once"] = InactiveUnstake.AtOnce,
    };

    private static readonly Dictionary<string, LinkProfile> Profiles = new(StringComparer.Ordinal)
    {
        ["intended"] = LinkProfile.Intended,
        ["prototype-2022"] = LinkProfile.Prototype2022,
    };

    private enum LatencyKind { Constant, Uniform, LogNormal }

    private static readonly Dictionary<string, LatencyKind> LatencyKinds = new(StringComparer.Ordinal)
    {
        ["constant"] = LatencyKind.Constant,
        ["uniform"] = LatencyKind.Uniform,
        ["lognormal"] = LatencyKind.LogNormal,
    };

    private ImmutableArray<ScenarioLink> ReadLinks(ObjectReader top)
    {
        if (!top.Has("links")) return [];
        var elements = top.List("links", false, "the links");
        if (elements is null) return [];
        var links = new List<ScenarioLink>();
        var profileOfProvider = new Dictionary<string, (LinkProfile Profile, string Path)>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            var r = ctx.Object(element, "a link", LinkKeys);
            if (r is null) continue;
            var link = ReadLink(r);
            r.Finish("in a link");
            if (link is null) continue;
            // one lockup per provider chain, instantiated with one profile
            if (profileOfProvider.TryGetValue(link.Provider, out var first) && first.Profile != link.Profile)
            {
                ctx.Error(r.PathOf(r.Has("profile") ? "profile" : "provider"),
                    $"links from {link.Provider} share its lockup, so they need the same profile ({first.Path} uses {ProfileName(first.Profile)})");
                continue;
            }
            profileOfProvider.TryAdd(link.Provider, (link.Profile, r.Path));
            links.Add(link with { Location = ctx.LocationOf(element.Path) });
        }
        return Immutable(links);
    }

    private static string ProfileName(LinkProfile p) => Profiles.First(kv => kv.Value == p).Key;

    private ScenarioLink? ReadLink(ObjectReader r)
    {
        var provider = ChainRef(r, "provider");
        var consumer = ChainRef(r, "consumer");
        if (provider is not null) _lockupChains.Add(provider);
        var registered = false;
        if (provider is not null && consumer is not null)
        {
            if (provider == consumer)
            {
                ctx.Error(r.PathOf("consumer"), $"a chain cannot provide security to itself ({provider} -> {consumer})");
            }
            else if (_links.TryGetValue((provider, consumer), out var firstPath))
            {
                ctx.Error(r.PathOf("consumer"), $"duplicate link {provider} -> {consumer} (first defined at {firstPath})");
            }
            else
            {
                _links[(provider, consumer)] = r.Path;
                _linkOrder.Add((provider, consumer));
                registered = true;
            }
        }

        var feed = r.Has("price") ? ReadPrice(r) : null;
        if (registered && r.Has("price")) _pricedLinks.Add((provider!, consumer!));
        var rate = r.Has("price") ? feed?.Path.Initial : r.Dec("exchange-rate", true);
        if (r.Has("price") && r.Has("exchange-rate"))
        {
            ctx.Error(r.PathOf("exchange-rate"), "give exchange-rate (a fixed rate) or price (a feed), not both");
            rate = null;
        }
        if (rate is { IsZero: true })
        {
            ctx.Error(r.PathOf("exchange-rate"), "expected a positive exchange rate (consumer tokens per provider token), got 0");
            rate = null;
        }
        var funds = r.Amount("staking-funds", true, DenomOf(consumer));
        var lifetime = WholeSeconds(r, "packet-lifetime", ScenarioLink.DefaultPacketLifetime, Duration.FromSeconds(1));
        var ordering = r.Has("ordering") ? r.Choice("ordering", false, Orderings, "channel ordering") : IbcOrder.Unordered;
        var profile = r.Has("profile") ? r.Choice("profile", false, Profiles, "profile") : LinkProfile.Intended;
        var relayer = r.Has("relayer") ? ReadRelayer(r) : RelayerSettings.Default;
        var slashFraction = r.Has("slash-fraction") ? PositiveFraction(r, "slash-fraction") : SlasherContract.DefaultDoubleSignFraction;
        var cap = ReadCap(r, "cap", DenomOf(consumer), false);
        var overCap = ReadOverCap(r);
        var inactive = r.Has("inactive-unstake")
            ? r.Choice("inactive-unstake", false, InactiveUnstakes, "inactive-unstake policy")
            : InactiveUnstake.AfterUnbonding;
        var ratioOk = ReadLinkSlashRatio(r, provider, slashFraction ?? SlasherContract.DefaultDoubleSignFraction, profile,
            out var slashRatio);

        if (!registered || rate is null || funds is null || lifetime is null || ordering is null || profile is null || relayer is null
            || slashFraction is null || (r.Has("cap") && cap is null) || overCap is null || inactive is null || !ratioOk)
            return null;
        return new ScenarioLink(provider!, consumer!, rate.Value, funds.Value, lifetime.Value, ordering.Value, relayer, profile.Value)
        {
            SlashFraction = slashFraction.Value, Cap = cap, OverCap = overCap.Value, Price = feed, InactiveUnstake = inactive.Value,
            SlashRatio = slashRatio,
        };
    }

    private RelayerSettings? ReadRelayer(ObjectReader link)
    {
        var r = link.Object("relayer", false, "the relayer settings", "latency", "min-latency", "batch-size", "max-clock-drift");
        if (r is null) return null;
        var given = r.Has("latency");
        var latency = given ? ReadLatency(r) : LatencySpec.Default;
        if (r.Has("min-latency"))
            latency = r.Duration("min-latency", false) is { } floor && latency is not null ? WithFloor(r, latency, floor, given) : null;
        var batch = r.Has("batch-size") ? r.Integer("batch-size", false, 1, 10_000) : RelayerSettings.DefaultBatchSize;
        // ibc-go refuses a zero drift; a day is as far as a clock skew goes
        var drift = r.Has("max-clock-drift")
            ? WholeSeconds(r, "max-clock-drift", Duration.Zero, Duration.FromSeconds(1), Duration.FromSeconds(86_400))
            : null;
        r.Finish("in relayer");
        return latency is null || batch is null || (r.Has("max-clock-drift") && drift is null)
            ? null
            : new RelayerSettings(latency, (int)batch.Value, drift);
    }

    /// <summary>
    /// The latency with the file's min-latency: a lognormal's draws are clamped to it, so it may not pass the mean; a constant
    /// or a uniform latency already has a floor (its value, its min), which a min-latency may restate or undercut but not pass.
    /// </summary>
    private LatencySpec? WithFloor(ObjectReader relayer, LatencySpec latency, Duration floor, bool given)
    {
        var (bound, what, why) = latency switch
        {
            LatencySpec.Constant c => (c.Value, $"the constant latency's value ({c.Value})", $"a constant relayer always takes {c.Value}"),
            LatencySpec.Uniform u => (u.Min, $"the uniform latency's min ({u.Min})", "that min is the floor already, no draw is below it"),
            LatencySpec.LogNormal l when given => (l.Mean, $"the lognormal latency's mean ({l.Mean})",
                "draws below the min-latency are raised to it, so above the mean every draw would be longer than the mean"),
            LatencySpec.LogNormal l => (l.Mean, $"the mean of the default latency ({l.Mean}, lognormal)",
                "give a latency with a longer mean, or a shorter min-latency"),
            _ => (Duration.Zero, "", ""),
        };
        if (floor > bound)
        {
            ctx.Error(relayer.PathOf("min-latency"), $"expected a min-latency of at most {what}, got {floor}: {why}");
            return null;
        }
        return latency is LatencySpec.LogNormal log ? log with { Min = floor } : latency;
    }

    private LatencySpec? ReadLatency(ObjectReader relayer)
    {
        var r = relayer.Object("latency", false, "the relayer latency", "kind");
        if (r is null) return null;
        var kind = r.Choice("kind", true, LatencyKinds, "latency kind");
        LatencySpec? result = null;
        switch (kind)
        {
            case LatencyKind.Constant:
                r.Allow("value");
                if (r.Duration("value", true) is { } value) result = new LatencySpec.Constant(value);
                r.Finish("in a constant latency");
                break;
            case LatencyKind.Uniform:
                r.Allow("min", "max");
                var min = r.Duration("min", true);
                var max = r.Duration("max", true);
                if (min is not null && max is not null)
                {
                    if (max < min) ctx.Error(r.PathOf("max"), $"max ({max}) must be at least min ({min})");
                    else result = new LatencySpec.Uniform(min.Value, max.Value);
                }
                r.Finish("in a uniform latency");
                break;
            case LatencyKind.LogNormal:
                r.Allow("mean", "spread");
                var mean = r.Duration("mean", true);
                var spread = r.Dec("spread", true);
                if (spread > ScenarioLimits.MaxSpread)
                    ctx.Error(r.PathOf("spread"), $"expected a spread from 0 to {ScenarioLimits.MaxSpread}, got {spread}");
                else if (mean is not null && spread is not null)
                {
                    var spec = new LatencySpec.LogNormal(mean.Value, spread.Value, LatencySpec.DefaultMinOf(mean.Value));
                    if (spec.MaxSeconds > ScenarioLimits.MaxDuration.TotalSeconds)
                        ctx.Error(r.PathOf("spread"), $"this lognormal can draw latencies up to {spec.MaxSeconds:G3}s, beyond the limit " +
                            $"of {ScenarioLimits.MaxDuration} (the largest draw is mean · e^(7.44·spread − spread²/2)); " +
                            "lower the mean or the spread");
                    else result = spec;
                }
                r.Finish("in a lognormal latency");
                break;
            default:
                // the kind is wrong or missing: its error is enough, the other keys are not checked
                break;
        }
        return result;
    }
}
