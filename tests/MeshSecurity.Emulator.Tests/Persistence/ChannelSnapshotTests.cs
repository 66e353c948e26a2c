using System.Collections.Immutable;
using System.Text;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Tests.Persistence;

/// <summary>
/// A checkpoint's channel part (its relayer's whole state, switches and kept digests) round-trips and matches its golden
/// file byte for byte: the stored format changes only with a new manifest (MESHSEC_WRITE_GOLDEN=1 writes a new one).
/// </summary>
public sealed class ChannelSnapshotTests
{
    private static readonly ChannelEnds Ends = new("osmosis", "07-tendermint-0", "connection-0", "mesh-provider", "channel-0",
        "juno", "07-tendermint-1", "connection-1", "mesh-consumer", "channel-1");

    private static ClientHeader Header(string chain, ulong height, ulong seconds) =>
        new(chain, height, Timestamp.FromSeconds(seconds), ImmutableSortedDictionary<string, byte[]>.Empty.Add("val-1", [1, 2, 3]));

    private static IbcPacket Packet(ulong sequence) => new(new IbcEndpoint("mesh-provider", "channel-0"),
        new IbcEndpoint("mesh-consumer", "channel-1"), sequence, Encoding.UTF8.GetBytes($"{{\"stake\":{sequence}}}"),
        IbcTimeout.AtTime(Timestamp.FromSeconds(5_000)));

    /// <summary>An open relayer with a batch of receives in flight, a fault in force, and a digest kept for a later window.</summary>
    private static ChannelSnapshot Sample()
    {
        var spec = new ChannelSpec("osmosis", "mesh-provider", "juno", "mesh-consumer", "mesh-v1", IbcOrder.Ordered,
            new LatencyModel.Uniform(1, 5), 10, "seed", Ends);
        var relayer = Relayer.Reopened("osmosis-juno/mesh", spec, 1, Ends, new RelayEnd(Header("osmosis", 10, 1_000), "osmo", 7200),
            new RelayEnd(Header("juno", 12, 1_000), "juno", 7200));
        relayer.Faults = new RelayFaults(LagNanos: 2_000_000_000, Censor: "unstake", Starve: new StarveSpec("juno"));
        relayer.Observe(new BlockDigest("osmosis", Header("osmosis", 11, 1_006),
            [new PacketEvent(PacketEventKind.Send, Packet(1)), new PacketEvent(PacketEventKind.Send, Packet(2))], []));
        var kept = new BlockDigest("juno", Header("juno", 13, 1_005), [], [], Timestamp.FromSeconds(1_010));
        return new ChannelSnapshot("osmosis-juno/mesh", spec, relayer.ToState(), Paused: false, Duplicate: true, relayer.Faults,
            Restarts: 1, null, null, [new ChannelSnapshot.Watch("juno", new IbcEndpoint("mesh-consumer", "channel-1")),
                new ChannelSnapshot.Watch("osmosis", new IbcEndpoint("mesh-provider", "channel-0"))], [kept]);
    }

    [Fact]
    public void A_channel_part_is_written_as_its_golden_file_and_reads_back_to_the_same_bytes()
    {
        var bytes = Sample().ToBytes();
        var name = ChannelSnapshot.Manifest + ".json";
        if (Environment.GetEnvironmentVariable("MESHSEC_WRITE_GOLDEN") == "1")
            File.WriteAllBytes(Path.Combine(SourceDir(), "Golden", name), bytes);
        var golden = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Persistence", "Golden", name));
        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(bytes));

        var back = ChannelSnapshot.FromBytes(golden, ChannelSnapshot.Manifest);

        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(back.ToBytes()));
        Assert.Equal(2, back.Relayer!.Owed.Count);
        Assert.Single(back.Relayer.InFlight);
    }

    /// <summary>A part written before v2 (its spec twice, each digest with its keys) still reads, to the same snapshot.</summary>
    [Fact]
    public void A_channel_part_of_the_first_format_still_reads()
    {
        var v1 = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Persistence", "Golden", ChannelSnapshot.ManifestV1 + ".json"));

        var back = ChannelSnapshot.FromBytes(v1, ChannelSnapshot.ManifestV1);

        Assert.Equal(Encoding.UTF8.GetString(Sample().ToBytes()), Encoding.UTF8.GetString(back.ToBytes()));
        Assert.Equal(back.Spec, back.Relayer!.Spec);
    }

    /// <summary>v2 writes the spec once and each validator key set and settled marks once, however many kept digests carry them.</summary>
    [Fact]
    public void The_spec_and_each_key_set_and_settled_marks_are_written_once()
    {
        var sample = Sample();
        var marks = ImmutableSortedDictionary<string, ulong>.Empty.Add("mesh-consumer/channel-1", 7);
        var digests = Enumerable.Range(14, 40).Select(h =>
            new BlockDigest("juno", Header("juno", (ulong)h, 1_000 + (ulong)h) with { Settled = h % 2 == 0 ? marks : null }, [], []));
        var many = sample with { Observed = [.. sample.Observed, .. digests] };

        var text = Encoding.UTF8.GetString(many.ToBytes());
        var back = ChannelSnapshot.FromBytes(many.ToBytes(), ChannelSnapshot.Manifest);

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "\"chain_a\":\"osmosis\",\"port_a\""));
        // the relayer's own two headers (its state) and the one set all 41 kept digests share
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(text, Convert.ToBase64String([1, 2, 3])).Count);
        Assert.Equal(41, back.Observed.Count);
        Assert.All(back.Observed, d => Assert.Equal([1, 2, 3], d.Header.ValidatorKeys["val-1"]));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "mesh-consumer/channel-1\",7"));
        Assert.Equal(20, back.Observed.Count(d => d.Header.Settled?["mesh-consumer/channel-1"] == 7));
        Assert.Equal(21, back.Observed.Count(d => d.Header.Settled is null));
        Assert.Equal(sample.Spec, back.Spec);
    }

    /// <summary>A hand-off's part holds the relayer's last crash id; a part without one writes nothing for it (v2's bytes).</summary>
    [Fact]
    public void The_last_crash_id_round_trips_and_is_not_written_when_there_is_none()
    {
        var crashed = Sample() with { LastCrash = "akka.tcp://mesh@127.0.0.1:4053#7/chaos/2" };

        var back = ChannelSnapshot.FromBytes(crashed.ToBytes(), ChannelSnapshot.Manifest);

        Assert.Equal(crashed.LastCrash, back.LastCrash);
        Assert.Equal(Encoding.UTF8.GetString(crashed.ToBytes()), Encoding.UTF8.GetString(back.ToBytes()));
        Assert.DoesNotContain("last_crash", Encoding.UTF8.GetString(Sample().ToBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_part_of_another_format_is_refused()
    {
        var ex = Assert.Throws<System.Text.Json.JsonException>(() => ChannelSnapshot.FromBytes(Sample().ToBytes(), "channel-snapshot.v0"));
        Assert.Contains("channel-snapshot.v0", ex.Message);
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
