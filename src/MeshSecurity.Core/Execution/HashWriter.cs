using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// SHA-256 over text written piece by piece as UTF-8 into a pooled buffer, hashed a buffer at a time: the hash of
/// the whole text without building it (busy blocks hash tens of thousands of events; strings and native hash calls
/// per event were a tenth of the allocations).
/// </summary>
internal sealed class HashWriter : IDisposable
{
    // created only when the text outgrows the buffer: most blocks hash in one call
    private IncrementalHash? _hash;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _used;

    public HashWriter Write(string s)
    {
        if (Encoding.UTF8.GetMaxByteCount(s.Length) > _buffer.Length - _used)
        {
            Flush();
            if (Encoding.UTF8.GetMaxByteCount(s.Length) > _buffer.Length)
            {
                Hash.AppendData(Encoding.UTF8.GetBytes(s));
                return this;
            }
        }
        _used += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_used));
        return this;
    }

    /// <summary>An ASCII separator.</summary>
    public HashWriter Write(char ascii)
    {
        if (_used == _buffer.Length) Flush();
        _buffer[_used++] = (byte)ascii;
        return this;
    }

    public HashWriter Write(ulong value)
    {
        if (_buffer.Length - _used < 20) Flush();
        value.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
        return this;
    }

    private IncrementalHash Hash => _hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public string Finish()
    {
        if (_hash is null) return Convert.ToHexStringLower(SHA256.HashData(_buffer.AsSpan(0, _used)));
        Flush();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    private void Flush()
    {
        if (_used == 0) return;
        Hash.AppendData(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        _hash?.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
