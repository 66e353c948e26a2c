using System.Numerics;
using System.Security.Cryptography;

namespace MeshSecurity.Core.Crypto;

/// <summary>
/// ECDSA signing over NIST P-256 with SHA-256 and the nonce of RFC 6979 (deterministic, derived from the key and the
/// message by HMAC-SHA256), so the same key and message always give the same signature, which the BCL's randomised
/// signer cannot. Signatures are IEEE P1363 (r || s, 64 bytes) and verify with the BCL's ECDsa. Affine arithmetic with
/// BigInteger: slow (milliseconds a signature) but only evidence is signed, and rarely.
/// </summary>
public static class DeterministicEcdsa
{
    private static BigInteger Hex(string hex) => BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber);

    private static readonly BigInteger P = Hex("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
    private static readonly BigInteger A = P - 3;
    private static readonly BigInteger N = Hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    private static readonly (BigInteger X, BigInteger Y) G =
        (Hex("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"),
         Hex("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5"));

    /// <summary>Signs SHA-256(<paramref name="message"/>) with the private scalar <paramref name="d"/> (32 bytes, big-endian).</summary>
    public static byte[] Sign(ReadOnlySpan<byte> d, ReadOnlySpan<byte> message)
    {
        var x = ToInt(d);
        if (x <= 0 || x >= N) throw new ArgumentException("the private scalar must lie in [1, n-1]", nameof(d));
        var h = SHA256.HashData(message);
        var z = ToInt(h);
        foreach (var k in Nonces(d, h))
        {
            var r = Multiply(k, G)!.Value.X % N;
            if (r.IsZero) continue;
            var s = Inverse(k, N) * (z + r * x) % N;
            if (s.IsZero) continue;
            return [.. To32(r), .. To32(s)];
        }
        throw new InvalidOperationException("unreachable: the nonce stream is endless");
    }

    /// <summary>The candidate nonces of RFC 6979 section 3.2, in order (the first in [1, n-1] is almost always taken).</summary>
    public static IEnumerable<BigInteger> Nonces(ReadOnlySpan<byte> d, ReadOnlySpan<byte> hash)
    {
        var hz = ToInt(hash);
        byte[] seed = [.. To32(ToInt(d)), .. To32(hz >= N ? hz - N : hz)];
        var v = Enumerable.Repeat((byte)0x01, 32).ToArray();
        var key = new byte[32];
        key = Hmac(key, [.. v, 0x00, .. seed]);
        v = HMACSHA256.HashData(key, v);
        key = Hmac(key, [.. v, 0x01, .. seed]);
        v = HMACSHA256.HashData(key, v);
        return Stream(key, v);
    }

    private static IEnumerable<BigInteger> Stream(byte[] key, byte[] v)
    {
        while (true)
        {
            v = HMACSHA256.HashData(key, v);
            var k = ToInt(v);
            if (k > 0 && k < N) yield return k;
            key = Hmac(key, [.. v, 0x00]);
            v = HMACSHA256.HashData(key, v);
        }
    }

    private static byte[] Hmac(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);

    private static (BigInteger X, BigInteger Y)? Multiply(BigInteger k, (BigInteger X, BigInteger Y) point)
    {
        (BigInteger X, BigInteger Y)? result = null;
        (BigInteger X, BigInteger Y)? addend = point;
        while (k > 0)
        {
            if (!k.IsEven) result = Add(result, addend);
            addend = Add(addend, addend);
            k >>= 1;
        }
        return result;
    }

    /// <summary>Affine addition on y² = x³ − 3x + b; null is the point at infinity.</summary>
    private static (BigInteger X, BigInteger Y)? Add((BigInteger X, BigInteger Y)? p, (BigInteger X, BigInteger Y)? q)
    {
        if (p is not { } a) return q;
        if (q is not { } b) return p;
        BigInteger slope;
        if (a.X == b.X)
        {
            if ((a.Y + b.Y) % P == 0) return null;
            slope = (3 * a.X * a.X + A) * Inverse(2 * a.Y, P) % P;
        }
        else
        {
            slope = Mod(b.Y - a.Y) * Inverse(Mod(b.X - a.X), P) % P;
        }
        var x = Mod(slope * slope - a.X - b.X);
        return (x, Mod(slope * (a.X - x) - a.Y));
    }

    private static BigInteger Mod(BigInteger v) => (v % P + P) % P;

    private static BigInteger Inverse(BigInteger v, BigInteger m) => BigInteger.ModPow((v % m + m) % m, m - 2, m);

    private static BigInteger ToInt(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    private static byte[] To32(BigInteger v)
    {
        var bytes = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        return bytes.Length == 32 ? bytes : [.. new byte[32 - bytes.Length], .. bytes];
    }
}
