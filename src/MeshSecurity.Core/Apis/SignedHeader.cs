using System.Globalization;
using System.Text;
using MeshSecurity.Core.Crypto;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Apis;

/// <summary>
/// A block header of a consumer chain as one validator signed it: chain id, height, time and the block's
/// app hash (hex), with the validator's operator address and its ECDSA P-256 signature over <see cref="SignBytes"/>.
/// Two different signed headers for one height from one validator are proof of a double sign.
/// </summary>
public sealed record SignedHeader(string ChainId, ulong Height, Timestamp Time, string AppHash, string Validator, byte[] Signature)
{
    /// <summary>The canonical bytes a validator signs.</summary>
    public byte[] SignBytes() => Encoding.UTF8.GetBytes(
        $"{ChainId}|{Height.ToString(CultureInfo.InvariantCulture)}|{Time.Nanos.ToString(CultureInfo.InvariantCulture)}|{AppHash}|{Validator}");

    public static SignedHeader Create(string chainId, ulong height, Timestamp time, string appHash, string validator, ConsensusKey key)
    {
        var unsigned = new SignedHeader(chainId, height, time, appHash, validator, []);
        return unsigned with { Signature = key.Sign(unsigned.SignBytes()) };
    }

    /// <summary>
    /// A validator signing two headers at one height: the chain's real one (<paramref name="appHash"/>) and a forged
    /// fork of it. The pair is double-sign evidence.
    /// </summary>
    public static (SignedHeader A, SignedHeader B) DoubleSign(string chainId, ulong height, Timestamp time, string appHash, string validator, ConsensusKey key)
    {
        var fork = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("fork|" + appHash)));
        return (Create(chainId, height, time, appHash, validator, key), Create(chainId, height, time, fork, validator, key));
    }

    public bool VerifyWith(byte[] publicKey) => ConsensusKey.Verify(publicKey, SignBytes(), Signature);

    public bool Equals(SignedHeader? other) =>
        other is not null && ChainId == other.ChainId && Height == other.Height && Time == other.Time && AppHash == other.AppHash
        && Validator == other.Validator && Signature.AsSpan().SequenceEqual(other.Signature);

    public override int GetHashCode() => HashCode.Combine(ChainId, Height, AppHash, Validator);
}
