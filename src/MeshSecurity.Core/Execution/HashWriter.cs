using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// SHA-256 over binary fields written piece by piece into a pooled buffer, hashed a buffer at a time: the hash of the
/// whole encoding without building it (busy blocks hash tens of thousands of events; strings and native hash calls per
/// event were a tenth of the allocations). Integers are little-endian; a field (a string's UTF-8, bytes) is its length
/// as 4 bytes then its bytes, so no two different sequences of fields write the same bytes.
/// </summary>
internal sealed class HashWriter : IDisposable
{
    // created only when the encoding outgrows the buffer: most blocks hash in one call
    private IncrementalHash? _hash;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _used;

    /// <summary>A string: its UTF-8 length (4 bytes), then its UTF-8 bytes.</summary>
    public HashWriter WriteField(string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max + 4 > _buffer.Length - _used)
        {
            Flush();
            if (max + 4 > _buffer.Length) return WriteField(Encoding.UTF8.GetBytes(s));
        }
        var written = Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_used + 4));
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_used), (uint)written);
        _used += 4 + written;
        return this;
    }

    /// <summary>Bytes: their length (4 bytes), then the bytes.</summary>
    public HashWriter WriteField(ReadOnlySpan<byte> bytes)
    {
        WriteUInt32((uint)bytes.Length);
        if (bytes.Length > _buffer.Length - _used)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                Hash.AppendData(bytes);
                return this;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
        return this;
    }

    public HashWriter WriteByte(byte value)
    {
        if (_used == _buffer.Length) Flush();
        _buffer[_used++] = value;
        return this;
    }

    public HashWriter WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Room(4), value);
        _used += 4;
        return this;
    }

    public HashWriter WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Room(8), value);
        _used += 8;
        return this;
    }

    public HashWriter WriteUInt128(UInt128 value)
    {
        BinaryPrimitives.WriteUInt128LittleEndian(Room(16), value);
        _used += 16;
        return this;
    }

    private Span<byte> Room(int size)
    {
        if (_buffer.Length - _used < size) Flush();
        return _buffer.AsSpan(_used, size);
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
