using Akka.Actor;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// A checkpoint's chain snapshots on disk: the snapshot's JSON (the journal's own record) without its headers, and the
/// headers, which grow with the run (one per height), in a binary file beside it (height, time, app hash per header):
/// a resume reads a long run's headers several times faster than as JSON. Each channel's part is one JSON file.
/// </summary>
internal sealed class CheckpointSnapshots(ActorSystem system, string dir)
{
    private readonly JournalSerializer _journal = new((ExtendedActorSystem)system);
    private static readonly string Manifest = JournalSerializer.Manifests[typeof(ChainSnapshot)];

    public async Task WriteAsync(string chain, ChainSnapshot snapshot)
    {
        await File.WriteAllBytesAsync(PathOf(chain, ".json"), _journal.ToBinary(snapshot with { Headers = [] }));
        await using var file = File.Create(PathOf(chain, ".headers"));
        await using var w = new BinaryWriter(file);
        w.Write(snapshot.Headers.Count);
        foreach (var h in snapshot.Headers)
        {
            w.Write(h.Height);
            w.Write(h.Time.Nanos);
            w.Write(h.AppHash);
        }
    }

    public async Task<ChainSnapshot> ReadAsync(string chain)
    {
        var snapshot = (ChainSnapshot)_journal.FromBinary(await File.ReadAllBytesAsync(PathOf(chain, ".json")), Manifest);
        using var r = new BinaryReader(new MemoryStream(await File.ReadAllBytesAsync(PathOf(chain, ".headers"))));
        var headers = new HeaderRecord[r.ReadInt32()];
        for (var i = 0; i < headers.Length; i++)
            headers[i] = new HeaderRecord(r.ReadUInt64(), new Timestamp(r.ReadUInt64()), r.ReadString());
        return snapshot with { Headers = headers };
    }

    /// <summary>A channel's part: its snapshot in its own format (<see cref="ChannelSnapshot.Manifest"/>).</summary>
    public Task WriteChannelAsync(ChannelSnapshot channel) =>
        File.WriteAllBytesAsync(PathOf(channel.ChannelId, ChannelExtension), channel.ToBytes());

    public async Task<ChannelSnapshot> ReadChannelAsync(string channel, string manifest) =>
        ChannelSnapshot.FromBytes(await File.ReadAllBytesAsync(PathOf(channel, ChannelExtension)), manifest);

    /// <summary>Whether the file of <paramref name="channel"/>'s part is in <paramref name="dir"/>.</summary>
    public static bool ChannelExists(string dir, string channel) => File.Exists(PathIn(dir, channel, ChannelExtension));

    private const string ChannelExtension = ".channel.json";

    /// <summary>Whether both files of <paramref name="chain"/>'s snapshot are in <paramref name="dir"/>.</summary>
    public static bool Exist(string dir, string chain) =>
        File.Exists(PathIn(dir, chain, ".json")) && File.Exists(PathIn(dir, chain, ".headers"));

    private string PathOf(string chain, string extension) => PathIn(dir, chain, extension);

    private static string PathIn(string dir, string chain, string extension) => Path.Combine(dir, Uri.EscapeDataString(chain) + extension);
}
