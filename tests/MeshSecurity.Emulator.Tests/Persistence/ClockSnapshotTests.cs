using System.Text;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Tests.Persistence;

/// <summary>
/// A cluster clock handed over to the next oldest member (ClockHost) round-trips and matches its golden file byte for byte:
/// the stored format changes only with a new manifest (MESHSEC_WRITE_GOLDEN=1 writes a new one).
/// </summary>
public sealed class ClockSnapshotTests
{
    /// <summary>A clock held for a member's leave between windows, the driver waiting for a run of it, two chains scheduled.</summary>
    private static ClockSnapshot Sample() => new(Timestamp.FromSeconds(1_030), Timestamp.FromSeconds(1_060), Timestamp.FromSeconds(1_035),
        1_000_000_000, Windows: 29, ChainTicks: 41, ["member.leave akka.tcp://meshsec@127.0.0.1:4053"],
        ["akka.tcp://meshsec@127.0.0.1:4054/record/1", "driver/record/1"], Undelivered: null,
        ["akka.tcp://meshsec@127.0.0.1:4060/temp/$c#42"],
        [new ClockSnapshot.Scheduled("juno", Timestamp.FromSeconds(1_035)),
            new ClockSnapshot.Scheduled("osmosis", Timestamp.FromSeconds(1_036))],
        "akka.tcp://meshsec@127.0.0.1:4060/user/network-1-recorder#7");

    [Fact]
    public void A_clock_is_written_as_its_golden_file_and_reads_back_to_the_same_bytes()
    {
        var bytes = Sample().ToBytes();
        var name = ClockSnapshot.Manifest + ".json";
        if (Environment.GetEnvironmentVariable("MESHSEC_WRITE_GOLDEN") == "1")
            File.WriteAllBytes(Path.Combine(SourceDir(), "Golden", name), bytes);
        var golden = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Persistence", "Golden", name));
        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(bytes));

        var back = ClockSnapshot.FromBytes(golden, ClockSnapshot.Manifest);

        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(back.ToBytes()));
        Assert.Equal(Timestamp.FromSeconds(1_030), back.Now);
        Assert.Equal(29, back.Windows);
        Assert.Equal(["member.leave akka.tcp://meshsec@127.0.0.1:4053"], back.Holds);
        Assert.Equal("osmosis", back.Schedule[1].Chain);
    }

    [Fact]
    public void A_clock_of_another_format_is_refused()
    {
        var ex = Assert.Throws<System.Text.Json.JsonException>(() => ClockSnapshot.FromBytes(Sample().ToBytes(), "clock-snapshot.v0"));
        Assert.Contains("clock-snapshot.v0", ex.Message);
    }

    /// <summary>Strict as the journal's records: a field the format does not know is an error, not a value dropped.</summary>
    [Fact]
    public void A_clock_with_a_field_it_does_not_know_is_refused()
    {
        var text = Encoding.UTF8.GetString(Sample().ToBytes()).Replace("{\"now\"", "{\"paced\":1,\"now\"", StringComparison.Ordinal);

        Assert.Throws<System.Text.Json.JsonException>(() => ClockSnapshot.FromBytes(Encoding.UTF8.GetBytes(text), ClockSnapshot.Manifest));
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
