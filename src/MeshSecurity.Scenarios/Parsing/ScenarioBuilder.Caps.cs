using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Caps of a link's consumer on meta-staking (docs/scenarios.md "Caps"): a link's `cap` and `over-cap`, and `set-cap` steps.
/// </summary>
internal sealed partial class ScenarioBuilder
{
    private static readonly Dictionary<string, OverCapPolicy> OverCapPolicies = new(StringComparer.Ordinal)
    {
        ["fail"] = OverCapPolicy.Fail,
        ["normalise"] = OverCapPolicy.Normalise,
    };

    private static string CapExpected(string? denom) =>
        $"{ValueParsers.AmountExample(denom)}, or a share of the chain's bonded stake like \"10%\"";

    /// <summary>
    /// A cap: an amount of the consumer's denom (a fixed cap), or a percentage below 100 with up to 16 decimals (a
    /// fraction of the consumer chain's bonded stake). 0 and "0%" evict the provider.
    /// </summary>
    private CapPolicy? ReadCap(ObjectReader r, string key, string? denom, bool required)
    {
        var expected = CapExpected(denom);
        if (r.Get(key, required, expected) is not { } node) return null;
        if (node.Kind == HoconNodeKind.Text && node.Text.Trim().EndsWith('%'))
            return Share(node, expected, "a consumer cannot hold all of the chain's stake") is { } share
                ? new CapPolicy.Fraction(share)
                : null;
        return ctx.Convert(node, expected,
                (string s, out Amount v, out string d) => ValueParsers.TryAmount(s, denom, out v, out d), out Amount a)
            ? new CapPolicy.Fixed(a)
            : null;
    }

    /// <summary>
    /// A percentage below 100 with up to 16 decimals, written like "10%", as a share (0.1); null when wrong (reported, with
    /// <paramref name="whyBelow100"/> when it is 100 % or more).
    /// </summary>
    private Dec? Share(HoconNode node, string expected, string whyBelow100)
    {
        if (node.Kind != HoconNodeKind.Text)
        {
            ctx.Error(node.Path, $"expected {expected}, got {node.Describe()}");
            return null;
        }
        var text = node.Text.Trim();
        var detail = "a percentage ends with %";
        if (!text.EndsWith('%') || !ValueParsers.TryDec(text[..^1], out var percent, out detail) || percent.Fraction().Atomics % 100 != 0)
        {
            var why = detail.Length > 0 ? detail : "a percentage has at most 16 decimals";
            ctx.Error(node.Path, $"expected {expected}, got {HoconNode.Quote(text)} ({why})");
            return null;
        }
        if (percent >= Dec.FromInteger(new Amount(100)))
        {
            ctx.Error(node.Path, $"expected a share below 100%, got {HoconNode.Quote(text)} ({whyBelow100})");
            return null;
        }
        return Dec.FromAtomics(percent.Atomics / 100);
    }

    private OverCapPolicy? ReadOverCap(ObjectReader r) =>
        r.Has("over-cap") ? r.Choice("over-cap", false, OverCapPolicies, "over-cap policy") : OverCapPolicy.Fail;

    private ScenarioStep.SetCap? ReadSetCap(ObjectReader r, Duration at)
    {
        var (provider, consumer, linked) = LinkRef(r);
        var cap = ReadCap(r, "cap", DenomOf(consumer), true);
        return linked && cap is not null ? new ScenarioStep.SetCap(at, provider!, consumer!, cap) : null;
    }
}
