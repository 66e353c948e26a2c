using System.Collections.Immutable;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>
    /// The switches of one of a link's relayer paths: the link's (<paramref name="link"/>) and those of the faults that
    /// name a channel or a direction (relayer.pause).
    /// </summary>
    private RelayFaults OnChannel(string provider, string consumer, string channel, RelayFaults link)
    {
        var paused = _chaos.Values.OfType<ChaosSpec.RelayerPause>()
            .Where(x => (x.Provider, x.Consumer) == (provider, consumer) && Covers(x.Channel, provider, consumer, channel))
            .SelectMany(x => Towards(x.Direction, provider, consumer)).ToImmutableSortedSet(StringComparer.Ordinal);
        // the latest starve in force takes one packet of the mesh channel (of the transfer channel for a transfer)
        var starve = _chaos.Values.OfType<ChaosSpec.RelayerStarve>().LastOrDefault(x => (x.Provider, x.Consumer) == (provider, consumer)
            && Covers(x.Packet == "transfer" ? RelayChannel.Ics20 : RelayChannel.Mesh, provider, consumer, channel));
        // the latest clear-interval in force, and its start: the clearings are its multiples after it
        var clearing = _chaos.Select(kv => (kv.Key, Value: kv.Value as ChaosSpec.RelayerClearInterval))
            .LastOrDefault(kv => kv.Value is { } x && (x.Provider, x.Consumer) == (provider, consumer));
        return link with
        {
            PausedTo = paused.IsEmpty ? null : paused,
            Starve = starve is null ? null : new StarveSpec(From(starve.Direction, provider, consumer), starve.Packet),
            ClearIntervalNanos = clearing.Value?.Interval.Nanos ?? 0,
            ClearFromNanos = clearing.Value is null ? 0 : At(_scenario.Steps[clearing.Key].At).Nanos,
        };
    }

    /// <summary>The chain what travels <paramref name="direction"/> is sent from; null for both ways.</summary>
    private static string? From(RelayDirection direction, string provider, string consumer) => direction switch
    {
        RelayDirection.ToConsumer => provider,
        RelayDirection.ToProvider => consumer,
        _ => null,
    };

    /// <summary>True when <paramref name="which"/> names the link's relayer path <paramref name="channel"/>.</summary>
    private bool Covers(RelayChannel which, string provider, string consumer, string channel) => which switch
    {
        RelayChannel.Mesh => channel == Link(provider, consumer).MeshChannelId,
        RelayChannel.Ics20 => channel == Link(provider, consumer).TransferChannelId,
        _ => true,
    };

    /// <summary>The chains what travels <paramref name="direction"/> on a link is submitted to.</summary>
    private static string[] Towards(RelayDirection direction, string provider, string consumer) => direction switch
    {
        RelayDirection.ToConsumer => [consumer],
        RelayDirection.ToProvider => [provider],
        _ => [provider, consumer],
    };

    /// <summary>The link's relayer paths a relayer fault with a channel choice acts on.</summary>
    private ImmutableArray<string> PathsOf(string provider, string consumer, RelayChannel which) =>
        [.. ChannelsOf(provider, consumer).Where(ch => Covers(which, provider, consumer, ch))];
}
