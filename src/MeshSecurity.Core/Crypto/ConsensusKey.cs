using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace MeshSecurity.Core.Crypto;

/// <summary>
/// A validator's consensus key: ECDSA over NIST P-256. The private scalar is derived from a seed, so the same seed
/// always gives the same key (and public key); signatures take their nonce from RFC 6979
/// (<see cref="DeterministicEcdsa"/>), so the same seed also gives the same evidence bytes, and the journal that keeps
/// them is byte-identical run to run. Verification is the BCL's.
/// </summary>
public sealed class ConsensusKey : IDisposable
{
    // The order n of the P-256 group; a private scalar must lie in [1, n-1].
    private static readonly BigInteger Order =
        BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    private readonly ECDsa _key;

    private readonly byte[] _d;

    private ConsensusKey(ECDsa key, byte[] d, byte[] publicKey)
    {
        _key = key;
        _d = d;
        PublicKey = publicKey;
    }

    /// <summary>The uncompressed public point, 0x04 || X || Y (65 bytes).</summary>
    public byte[] PublicKey { get; }

    public static ConsensusKey FromSeed(string seed)
    {
        var d = SHA256.HashData(Encoding.UTF8.GetBytes("mesh-consensus-key/" + seed));
        while (true)
        {
            var n = new BigInteger(d, isUnsigned: true, isBigEndian: true);
            if (n > 0 && n < Order) break;
            d = SHA256.HashData(d);
        }
        var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        var q = key.ExportParameters(false).Q;
        return new ConsensusKey(key, d, [0x04, .. q.X!, .. q.Y!]);
    }

    public byte[] Sign(byte[] message) => DeterministicEcdsa.Sign(_d, message);

    /// <summary>Checks a signature against a 65-byte uncompressed public key; false for any malformed input.</summary>
    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (publicKey is not { Length: 65 } || publicKey[0] != 0x04) return false;
        try
        {
            using var v = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..65] },
            });
            return v.VerifyData(message, signature, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();
}
