using MeshSecurity.Core.Relaying;
using MeshSecurity.Scenarios.Generation;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    private static readonly Dictionary<string, RelayChannel> RelayChannels = new(StringComparer.Ordinal)
    {
        ["mesh"] = RelayChannel.Mesh,
        ["ics20"] = RelayChannel.Ics20,
        ["both"] = RelayChannel.Both,
    };

    private static readonly Dictionary<string, RelayDirection> RelayDirections = new(StringComparer.Ordinal)
    {
        ["to-consumer"] = RelayDirection.ToConsumer,
        ["to-provider"] = RelayDirection.ToProvider,
        ["both"] = RelayDirection.Both,
    };

    /// <summary>The relayer faults that name a channel, a direction or a packet (docs/scenarios.md, "Chaos steps").</summary>
    private ChaosSpec? ReadRelayerFault(ObjectReader r, string name)
    {
        var (p, c, linked) = LinkRef(r);
        var channel = name == "relayer.pause" && r.Has("channel")
            ? r.Choice("channel", false, RelayChannels, "channel") : RelayChannel.Both;
        var direction = r.Has("direction") ? r.Choice("direction", false, RelayDirections, "direction") : RelayDirection.Both;
        var packet = r.Has("packet") ? PacketKind(r, true) : null;
        var interval = name == "relayer.clear-interval" ? r.Duration("interval", true) : null;
        if (interval is { } i && i < Duration.FromSeconds(1))
        {
            ctx.Error(r.PathOf("interval"), $"expected an interval of at least 1s (how often the relayer clears), got {i}");
            return null;
        }
        if (!linked || channel is null || direction is null || (packet is null && r.Has("packet"))) return null;
        switch (name)
        {
            case "relayer.pause":
                return new ChaosSpec.RelayerPause(p!, c!, channel.Value, direction.Value);
            case "relayer.clear-interval":
                return interval is null ? null : new ChaosSpec.RelayerClearInterval(p!, c!, interval.Value);
            default:
                if (packet is not null && direction != RelayDirection.Both && !Travels(packet).Contains(direction.Value))
                {
                    ctx.Error(r.PathOf("direction"), $"{packet} packets never travel {ChaosSpec.Wire(direction.Value)}: " +
                        $"expected {string.Join(" or ", Travels(packet).Select(ChaosSpec.Wire))} (or leave direction out)");
                    return null;
                }
                return new ChaosSpec.RelayerStarve(p!, c!, direction.Value, packet);
        }
    }

    /// <summary>The ways a packet of <paramref name="kind"/> travels on a link.</summary>
    internal static RelayDirection[] Travels(string kind) => kind switch
    {
        "update-validators" or "rewards" => [RelayDirection.ToProvider],
        "transfer" => [RelayDirection.ToConsumer, RelayDirection.ToProvider],
        _ => [RelayDirection.ToConsumer],
    };

    /// <summary>`packet`: a packet kind (<see cref="PacketKinds"/>), with a suggestion for a typo.</summary>
    private string? PacketKind(ObjectReader r, bool required)
    {
        var packet = r.Text("packet", required, $"a packet kind: {string.Join(", ", PacketKinds.All)}");
        if (packet is null || PacketKinds.All.Contains(packet)) return packet;
        ctx.Error(r.PathOf("packet"), $"unknown packet kind {HoconNode.Quote(packet)}{Suggestions.DidYouMean(packet, PacketKinds.All)}; " +
            $"expected one of: {string.Join(", ", PacketKinds.All)}");
        return null;
    }

    /// <summary>The nemesis' draw of one of these faults on the link (provider, consumer); null for the others.</summary>
    private static ChaosSpec? DrawRelayerFault(string name, string p, string c, SplitMix64 random)
    {
        switch (name)
        {
            case "relayer.pause":
                var channels = Enum.GetValues<RelayChannel>();
                var directions = Enum.GetValues<RelayDirection>();
                var channel = channels[random.Below(channels.Length)];
                var direction = directions[random.Below(directions.Length)];
                return new ChaosSpec.RelayerPause(p, c, channel, direction);
            case "relayer.clear-interval":
                return new ChaosSpec.RelayerClearInterval(p, c, Duration.FromSeconds((ulong)random.Between(30, 600)));
            case "relayer.starve":
                var ways = Enum.GetValues<RelayDirection>();
                return new ChaosSpec.RelayerStarve(p, c, ways[random.Below(ways.Length)], null);
            default:
                return null;
        }
    }
}
