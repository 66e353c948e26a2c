using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    private static readonly Dictionary<string, LinkSide> Sides = new(StringComparer.Ordinal)
    {
        ["provider"] = LinkSide.Provider,
        ["consumer"] = LinkSide.Consumer,
    };

    /// <summary>The states a channel end reads as, as a scenario writes them (IBC's INIT, TRYOPEN, OPEN, CLOSED).</summary>
    internal static readonly IReadOnlyList<string> ChannelStates = ["init", "try-open", "open", "closed"];

    /// <summary>`action = close-channel`: the link, and the side whose chain closes its end (default the provider).</summary>
    private ScenarioStep.CloseChannel? ReadCloseChannel(ObjectReader r, Duration at)
    {
        var (p, c, linked) = LinkRef(r);
        var side = r.Has("side") ? r.Choice("side", false, Sides, "side") : LinkSide.Provider;
        return linked && side is { } s ? new ScenarioStep.CloseChannel(at, p!, c!, s) : null;
    }

    /// <summary>`action = reopen-channel`: the link.</summary>
    private ScenarioStep.ReopenChannel? ReadReopenChannel(ObjectReader r, Duration at)
    {
        var (p, c, linked) = LinkRef(r);
        return linked ? new ScenarioStep.ReopenChannel(at, p!, c!) : null;
    }

    /// <summary>`what = channel-state`: the link, the channel (mesh by default), a side (both by default), and a state.</summary>
    private Expectation.ChannelStateOf? ReadChannelState(ObjectReader r, Duration at)
    {
        var (p, c, linked) = LinkRef(r);
        var channel = r.Has("channel") ? r.Choice("channel", false, Channels, "channel") : PacketChannel.Mesh;
        var side = r.Has("side") ? r.Choice("side", false, Sides, "side") : null;
        var ok = (!r.Has("side") || side is not null) && channel is not null;
        var state = ReadEqualsWord(r, "channel state", ChannelStates, ref ok);
        return linked && ok ? new Expectation.ChannelStateOf(at, p!, c!, channel!.Value, side, state ?? "") : null;
    }

    /// <summary>
    /// "equals" as one of <paramref name="words"/> (a state), unless the expectation compares with an earlier reading;
    /// a word not among them is reported with the closest one, and clears <paramref name="ok"/>.
    /// </summary>
    private string? ReadEqualsWord(ObjectReader r, string what, IReadOnlyList<string> words, ref bool ok)
    {
        if (_comparing || r.Get("equals", true, $"a {what}: {string.Join(", ", words)}") is not { } node) return null;
        var word = ctx.Text(node, $"a {what}");
        if (word is not null && !words.Contains(word))
        {
            ctx.Error(node.Path, $"unknown {what} {HoconNode.Quote(word)}{Suggestions.DidYouMean(word, words)}; " +
                                 $"expected one of: {string.Join(", ", words)}");
            word = null;
        }
        ok &= word is not null;
        return word;
    }
}
