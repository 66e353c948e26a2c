using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    private static readonly Dictionary<string, PacketDirection> Directions = new(StringComparer.Ordinal)
    {
        ["to-consumer"] = PacketDirection.ToConsumer,
        ["to-provider"] = PacketDirection.ToProvider,
    };

    /// <summary>The kinds of mesh packet data (ProviderPacket's and ConsumerPacket's variants) and the way each travels.</summary>
    internal static readonly IReadOnlyDictionary<string, PacketDirection> MeshPacketKinds =
        new Dictionary<string, PacketDirection>(StringComparer.Ordinal)
        {
            ["list-validators"] = PacketDirection.ToConsumer,
            ["stake"] = PacketDirection.ToConsumer,
            ["unstake"] = PacketDirection.ToConsumer,
            ["burn"] = PacketDirection.ToConsumer,
            ["update-validators"] = PacketDirection.ToProvider,
            ["rewards"] = PacketDirection.ToProvider,
            ["internal-unstake"] = PacketDirection.ToProvider,
        };

    /// <summary>The report's name of a packet counter, as written in a scenario.</summary>
    internal static string CounterName(PacketCounter counter) => Counters.First(kv => kv.Value == counter).Key;

    private Expectation.PendingPackets? ReadPendingPackets(ObjectReader r, Duration at)
    {
        var (p, c, linked) = LinkRef(r);
        var channel = r.Has("channel") ? r.Choice("channel", false, Channels, "channel") : PacketChannel.Mesh;
        var direction = r.Has("direction") ? r.Choice("direction", false, Directions, "direction") : null;
        var ok = (!r.Has("channel") || channel is not null) && (!r.Has("direction") || direction is not null);
        string? kind = null;
        if (r.Has("kind"))
        {
            kind = r.Name("kind", false, "a kind of mesh packet");
            ok &= kind is not null && PacketKind(r, kind, channel, ref direction);
        }
        var expected = ReadEquals(r, null);
        return linked && ok && expected is not null
            ? new Expectation.PendingPackets(at, p!, c!, channel!.Value, direction, kind, expected.Value)
            : null;
    }

    /// <summary>Checks a packet kind against the channel and the direction; a kind alone sets the direction it travels.</summary>
    private bool PacketKind(ObjectReader r, string kind, PacketChannel? channel, ref PacketDirection? direction)
    {
        if (channel == PacketChannel.Transfer)
        {
            ctx.Error(r.PathOf("kind"), "the transfer channel carries only ICS-20 transfers: \"kind\" is for the mesh channel");
            return false;
        }
        if (!MeshPacketKinds.TryGetValue(kind, out var way))
        {
            ctx.Error(r.PathOf("kind"), $"unknown packet kind {HoconNode.Quote(kind)}" +
                $"{Suggestions.DidYouMean(kind, MeshPacketKinds.Keys)}; expected one of: {string.Join(", ", MeshPacketKinds.Keys)}");
            return false;
        }
        if (direction is { } d && d != way)
        {
            ctx.Error(r.PathOf("kind"), $"{kind} packets travel {Directions.First(kv => kv.Value == way).Key}, " +
                $"not {Directions.First(kv => kv.Value == d).Key}");
            return false;
        }
        direction = way;
        return true;
    }

    private static readonly Dictionary<string, bool> AckKinds = new(StringComparer.Ordinal) { ["ok"] = true, ["error"] = false };

    /// <summary>
    /// An inject-packet step: the link, channel and direction; "data" as a HOCON object or list (sent as JSON, references
    /// resolved at the destination's contract) or a string (sent as written, so malformed data can be tried); the ack expected.
    /// </summary>
    private ScenarioStep.InjectPacket? ReadInjectPacket(ObjectReader r, Duration at)
    {
        var (p, c, linked) = LinkRef(r);
        var channel = r.Has("channel") ? r.Choice("channel", false, Channels, "channel") : PacketChannel.Mesh;
        var direction = r.Has("direction") ? r.Choice("direction", false, Directions, "direction") : PacketDirection.ToConsumer;
        var ackOk = r.Has("expect-ack") ? r.Choice("expect-ack", false, AckKinds, "acknowledgement") : true;
        var ackError = r.Has("ack-error") ? r.Text("ack-error", false, "a part of the error ack's text") : null;
        if (r.Has("expect-ack") && ackOk == true && ackError is not null)
        {
            ctx.Error(r.PathOf("ack-error"), "ack-error is the text of an error ack: write expect-ack = error (or leave expect-ack out)");
            return null;
        }
        if (ackError is { Length: 0 })
        {
            // every ack's text contains "": the check would accept any error while looking like a precise one
            ctx.Error(r.PathOf("ack-error"), "ack-error is empty: give a part of the error ack's text, or write expect-ack = error " +
                "to accept any error ack");
            return null;
        }
        if (ackError is not null) ackOk = false;
        string? data = null;
        var json = false;
        if (r.Get("data", true, "the packet data: an object { ... } (sent as JSON) or a string (sent as written)") is { } node)
        {
            if (node.Kind == HoconNodeKind.Text) data = node.Text;
            else if (ReadJson(node) is { } value && linked && channel is not null && direction is { } way)
            {
                var home = way == PacketDirection.ToConsumer ? c! : p!;
                var role = way == PacketDirection.ToConsumer ? ContractRole.Consumer : ContractRole.Provider;
                if (CheckReferences(value, node.Path, new ContractTarget(home, role, p, c, null)))
                    (data, json) = (value.ToJsonString(), true);
            }
        }
        return linked && channel is not null && direction is not null && ackOk is not null && data is not null
            ? new ScenarioStep.InjectPacket(at, p!, c!, channel.Value, direction.Value, data, json, ackOk.Value, ackError)
            : null;
    }
}
