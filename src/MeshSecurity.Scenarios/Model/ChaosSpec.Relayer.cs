namespace MeshSecurity.Scenarios.Model;

public abstract partial record ChaosSpec
{
    /// <summary>The keys a relayer fault writes for its channel and direction, when they are not both (their default).</summary>
    private protected static string Ways(RelayChannel channel, RelayDirection direction, string separator) =>
        (channel == RelayChannel.Both ? "" : $"{separator}channel = {Wire(channel)}")
        + (direction == RelayDirection.Both ? "" : $"{separator}direction = {Wire(direction)}");

    /// <summary>How a scenario file writes a channel choice: mesh, ics20, both.</summary>
    public static string Wire(RelayChannel channel) => channel.ToString().ToLowerInvariant();

    /// <summary>How a scenario file writes a direction: to-consumer, to-provider, both.</summary>
    public static string Wire(RelayDirection direction) => direction switch
    {
        RelayDirection.ToConsumer => "to-consumer",
        RelayDirection.ToProvider => "to-provider",
        _ => "both",
    };

    /// <summary>
    /// The link's relayer holds back what travels <paramref name="Direction"/> on <paramref name="Channel"/> (packets,
    /// and acknowledgements and timeouts going that way) while it keeps watching both chains and relaying the rest; when
    /// it ends it delivers everything it held, as a relayer clearing does (a packet whose timeout passed meanwhile is
    /// timed out on its source instead).
    /// </summary>
    public sealed record RelayerPause(string Provider, string Consumer, RelayChannel Channel, RelayDirection Direction) : ChaosSpec
    {
        public override string Name => "relayer.pause";
        public override System.Collections.Immutable.ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer}" +
            (Channel == RelayChannel.Both ? "" : $" {Wire(Channel)}") + (Direction == RelayDirection.Both ? "" : $" {Wire(Direction)}");
        public override string ToHocon() => OnLink(Provider, Consumer) + Ways(Channel, Direction, ", ");
    }

    /// <summary>
    /// The link's relayer withholds one packet, the first sent <paramref name="Direction"/> (either way for both) of
    /// <paramref name="Packet"/>'s kind (any mesh packet when null) while the fault holds, until it times out: the source
    /// times it out and its contract rolls it back. The rest flows.
    /// </summary>
    public sealed record RelayerStarve(string Provider, string Consumer, RelayDirection Direction, string? Packet) : ChaosSpec
    {
        public override string Name => "relayer.starve";
        public override System.Collections.Immutable.ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer}" +
            (Direction == RelayDirection.Both ? "" : $" {Wire(Direction)}") + (Packet is null ? "" : $" {Packet}");
        public override string ToHocon() =>
            OnLink(Provider, Consumer) + Ways(RelayChannel.Both, Direction, ", ") + (Packet is null ? "" : $", packet = {Packet}");
    }

    /// <summary>
    /// The link's relayers stop relaying on the blocks they read and only clear what they owe every
    /// <paramref name="Interval"/> (hermes' clear_interval), so a packet waits up to that long; at the end they relay per
    /// block again.
    /// </summary>
    public sealed record RelayerClearInterval(string Provider, string Consumer, Duration Interval) : ChaosSpec
    {
        public override string Name => "relayer.clear-interval";
        public override System.Collections.Immutable.ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer} {Interval}";
        public override string ToHocon() => $"{OnLink(Provider, Consumer)}, interval = {Interval}";
    }
}

