using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Scenarios.Running;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// A checkpoint's headers file is read from its bytes, without a <see cref="BinaryReader"/>: what the writer wrote reads back
/// header for header, and a file cut short or with bytes after its last header is refused (the resume then replays).
/// </summary>
public sealed class CheckpointHeadersTests
{
    private static readonly HeaderRecord[] Headers =
    [
        new(1, new Timestamp(1_700_000_000_000_000_000), "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"),
        new(2, new Timestamp(1_700_000_006_000_000_000), ""),
        // an app hash longer than 127 bytes takes two bytes of length; a non-ASCII one more bytes than characters
        new(ulong.MaxValue, new Timestamp(ulong.MaxValue), new string('A', 200) + "é"),
    ];

    private static byte[] Written(IReadOnlyList<HeaderRecord> headers)
    {
        using var bytes = new MemoryStream();
        CheckpointSnapshots.WriteHeaders(bytes, headers);
        return bytes.ToArray();
    }

    [Fact]
    public void Headers_read_back_as_they_were_written()
    {
        Assert.Equal(Headers, CheckpointSnapshots.ReadHeaders(Written(Headers)));
        Assert.Empty(CheckpointSnapshots.ReadHeaders(Written([])));
    }

    [Fact]
    public void A_headers_file_cut_short_or_overlong_is_refused()
    {
        var bytes = Written(Headers);

        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => CheckpointSnapshots.ReadHeaders(bytes[..^1]));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => CheckpointSnapshots.ReadHeaders(bytes[..3]));
        var ex = Assert.Throws<FormatException>(() => CheckpointSnapshots.ReadHeaders([.. bytes, 0]));
        Assert.Contains("1 bytes after its last header", ex.Message);
    }
}
