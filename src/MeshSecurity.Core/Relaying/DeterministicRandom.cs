using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// Random numbers that are a pure function of a seed and a name (e.g. channel, direction, packet sequence): the same
/// draw whatever order entities run in, which a shared random stream could not promise across actors.
/// </summary>
public static class DeterministicRandom
{
    /// <summary>A uniform number in [0, 1).</summary>
    public static double Unit(string seed, string scope, string kind, ulong index)
    {
        // the hash of the UTF-8 text "seed|scope|kind|index", written into a pooled buffer rather than a string and an array:
        // chains draw their block times and relayers their latencies several times per block (docs/bench.md, figure e)
        var length = Encoding.UTF8.GetMaxByteCount(seed.Length + scope.Length + kind.Length + 3) + 20;
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> text = rented ?? stackalloc byte[512];
        var n = Encoding.UTF8.GetBytes(seed, text);
        text[n++] = (byte)'|';
        n += Encoding.UTF8.GetBytes(scope, text[n..]);
        text[n++] = (byte)'|';
        n += Encoding.UTF8.GetBytes(kind, text[n..]);
        text[n++] = (byte)'|';
        index.TryFormat(text[n..], out var digits, default, CultureInfo.InvariantCulture);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text[..(n + digits)], hash);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        var bits = BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11; // 53 bits, exactly representable
        return bits / (double)(1UL << 53);
    }
}
