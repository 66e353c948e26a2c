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
        var channel = r.Has("channel") ? r.Choice("channel", false, RelayChannels, "channel") : RelayChannel.Both;
        var direction = r.Has("direction") ? r.Choice("direction", false, RelayDirections, "direction") : RelayDirection.Both;
        if (!linked || channel is null || direction is null) return null;
        return new ChaosSpec.RelayerPause(p!, c!, channel.Value, direction.Value);
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
            default:
                return null;
        }
    }
}
