using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>A link's `price` feed (docs/scenarios.md "Prices"): discount, time to live, publication interval, path and outages.</summary>
internal sealed partial class ScenarioBuilder
{
    private enum PathKind { Constant, Steps, RandomWalk, Shock }

    private static readonly Dictionary<string, PathKind> PathKinds = new(StringComparer.Ordinal)
    {
        ["constant"] = PathKind.Constant,
        ["steps"] = PathKind.Steps,
        ["random-walk"] = PathKind.RandomWalk,
        ["shock"] = PathKind.Shock,
    };

    private PriceFeedSpec? ReadPrice(ObjectReader link)
    {
        var r = link.Object("price", false, "a price feed", "discount", "ttl", "update-every", "path", "outages", "remark");
        if (r is null) return null;
        var discount = r.Has("discount") ? Below(r, "discount", Dec.One, "a discount from 0, below 1") : Dec.Zero;
        var every = WholeSeconds(r, "update-every", PriceFeedSpec.DefaultEvery, Duration.FromSeconds(1));
        var ttl = WholeSeconds(r, "ttl", PriceFeedSpec.DefaultTtl, Duration.FromSeconds(1));
        if (every is not null && ttl is not null && ttl <= every)
        {
            ctx.Error(r.PathOf(r.Has("ttl") ? "ttl" : "update-every"),
                $"expected a ttl longer than update-every ({every}), got {ttl}: every price would be outdated before the next one");
            ttl = null;
        }
        var path = ReadPath(r);
        var outages = r.Has("outages") ? ReadOutages(r) : [];
        var remark = ReadRemark(r);
        r.Finish("in a price feed");
        return discount is null || every is null || ttl is null || path is null || outages is null || remark is null
            ? null
            : new PriceFeedSpec(discount.Value, ttl.Value, every.Value, path, outages.Value) { Remark = remark.Value };
    }

    private PricePath? ReadPath(ObjectReader feed)
    {
        var r = feed.Object("path", true, "a price path", "kind");
        if (r is null) return null;
        PricePath? path = null;
        switch (r.Choice("kind", true, PathKinds, "price path kind"))
        {
            case PathKind.Constant:
                r.Allow("value");
                if (PositivePrice(r, "value") is { } value) path = new PricePath.Constant(value);
                r.Finish("in a constant price path");
                break;
            case PathKind.Steps:
                r.Allow("points");
                if (ReadPoints(r) is { } points) path = new PricePath.Steps(points);
                r.Finish("in a steps price path");
                break;
            case PathKind.RandomWalk:
                r.Allow("start", "volatility");
                var start = PositivePrice(r, "start");
                var volatility = r.Has("volatility") ? Below(r, "volatility", Dec.One, "a volatility from 0, below 1") : null;
                if (!r.Has("volatility")) r.Missing("volatility", "a volatility from 0, below 1, like \"0.02\"");
                if (start is not null && volatility is not null) path = new PricePath.RandomWalk(start.Value, volatility.Value);
                r.Finish("in a random-walk price path");
                break;
            case PathKind.Shock:
                r.Allow("value", "at", "factor");
                var before = PositivePrice(r, "value");
                var at = r.Duration("at", true);
                var factor = PositivePrice(r, "factor");
                if (before is not null && at is not null && factor is not null)
                    path = new PricePath.Shock(before.Value, at.Value, factor.Value);
                r.Finish("in a shock price path");
                break;
            default:
                // the kind is wrong or missing: its error is enough
                break;
        }
        return path;
    }

    private ImmutableArray<PricePath.Steps.Point>? ReadPoints(ObjectReader path)
    {
        var elements = path.List("points", true, "the price points");
        if (elements is null) return null;
        var points = new List<PricePath.Steps.Point>();
        var ok = elements.Count > 0;
        if (!ok) ctx.Error(path.PathOf("points"), "expected at least one price point, the first at 0");
        foreach (var element in elements)
        {
            var r = ctx.Object(element, "a price point", "at", "value");
            if (r is null) { ok = false; continue; }
            var at = r.Duration("at", true);
            var value = PositivePrice(r, "value");
            r.Finish("in a price point");
            if (at is null || value is null) { ok = false; continue; }
            if (points.Count == 0 && at != Duration.Zero)
                ctx.Error(r.PathOf("at"), $"the first price point must be at 0 (the price before it would be unknown), got {at}");
            else if (points.Count > 0 && at <= points[^1].At)
                ctx.Error(r.PathOf("at"), $"price points must come in time order, each after the last ({points[^1].At}), got {at}");
            else { points.Add(new(at.Value, value.Value)); continue; }
            ok = false;
        }
        return ok ? [.. points] : null;
    }

    private ImmutableArray<PriceFeedSpec.Outage>? ReadOutages(ObjectReader feed)
    {
        var elements = feed.List("outages", false, "the oracle's outages");
        if (elements is null) return null;
        var outages = new List<PriceFeedSpec.Outage>();
        var ok = true;
        foreach (var element in elements)
        {
            var r = ctx.Object(element, "an outage", "from", "to");
            if (r is null) { ok = false; continue; }
            var (from, to) = (r.Duration("from", true), r.Duration("to", true));
            r.Finish("in an outage");
            if (from is null || to is null) { ok = false; continue; }
            if (to <= from)
            {
                ctx.Error(r.PathOf("to"), $"an outage must end after it starts ({from}), got {to}");
                ok = false;
                continue;
            }
            outages.Add(new(from.Value, to.Value));
        }
        return ok ? [.. outages] : null;
    }

    /// <summary>A price or factor: a decimal above 0.</summary>
    private Dec? PositivePrice(ObjectReader r, string key)
    {
        var d = r.Dec(key, true);
        if (d is not { IsZero: true }) return d;
        ctx.Error(r.PathOf(key), "expected a decimal above 0, got 0");
        return null;
    }

    /// <summary>A decimal from 0 and below <paramref name="bound"/>.</summary>
    private Dec? Below(ObjectReader r, string key, Dec bound, string expected)
    {
        var d = r.Dec(key, false);
        if (d is null || d < bound) return d;
        ctx.Error(r.PathOf(key), $"expected {expected}, got {d}");
        return null;
    }
}
