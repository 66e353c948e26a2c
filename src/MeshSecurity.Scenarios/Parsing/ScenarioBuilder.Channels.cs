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
        string? state = null;
        if (!_comparing && r.Get("equals", true, $"a channel state: {string.Join(", ", ChannelStates)}") is { } node)
        {
            state = ctx.Text(node, "a channel state");
            if (state is not null && !ChannelStates.Contains(state))
            {
                ctx.Error(node.Path, $"unknown channel state {HoconNode.Quote(state)}{Suggestions.DidYouMean(state, ChannelStates)}; " +
                                     $"expected one of: {string.Join(", ", ChannelStates)}");
                state = null;
            }
            ok &= state is not null;
        }
        return linked && ok ? new Expectation.ChannelStateOf(at, p!, c!, channel!.Value, side, state ?? "") : null;
    }
}
