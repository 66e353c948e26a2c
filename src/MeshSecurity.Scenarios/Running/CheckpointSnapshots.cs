using System.Buffers.Binary;
using System.Text;
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
        WriteHeaders(file, snapshot.Headers);
    }

    /// <summary>Height, time and app hash of each header, after their count, as a <see cref="BinaryWriter"/> writes them.</summary>
    internal static void WriteHeaders(Stream to, IReadOnlyList<HeaderRecord> headers)
    {
        using var w = new BinaryWriter(to, Encoding.UTF8, leaveOpen: true);
        w.Write(headers.Count);
        foreach (var h in headers)
        {
            w.Write(h.Height);
            w.Write(h.Time.Nanos);
            w.Write(h.AppHash);
        }
    }

    public async Task<ChainSnapshot> ReadAsync(string chain)
    {
        var snapshot = (ChainSnapshot)_journal.FromBinary(await File.ReadAllBytesAsync(PathOf(chain, ".json")), Manifest);
        return snapshot with { Headers = ReadHeaders(await File.ReadAllBytesAsync(PathOf(chain, ".headers"))) };
    }

    /// <summary>
    /// The headers as <see cref="WriteAsync"/>'s <see cref="BinaryWriter"/> wrote them (little-endian numbers, each app hash
    /// UTF-8 after its 7-bit encoded length), read from the bytes directly: through a <see cref="BinaryReader"/> each field
    /// was a stream read, most of the time a resume spent on headers. A file cut short or overlong throws.
    /// </summary>
    internal static HeaderRecord[] ReadHeaders(byte[] bytes)
    {
        var span = bytes.AsSpan();
        var headers = new HeaderRecord[BinaryPrimitives.ReadInt32LittleEndian(span)];
        var at = sizeof(int);
        for (var i = 0; i < headers.Length; i++)
        {
            var height = BinaryPrimitives.ReadUInt64LittleEndian(span[at..]);
            var time = BinaryPrimitives.ReadUInt64LittleEndian(span[(at + 8)..]);
            at += 16;
            var length = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (shift > 28) throw new FormatException("a header's app hash has a bad length");
                var b = span[at++];
                length |= (b & 0x7F) << shift;
                if (b < 0x80) break;
            }
            headers[i] = new HeaderRecord(height, new Timestamp(time), Encoding.UTF8.GetString(span.Slice(at, length)));
            at += length;
        }
        if (at != span.Length) throw new FormatException($"the headers file has {span.Length - at} bytes after its last header");
        return headers;
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
