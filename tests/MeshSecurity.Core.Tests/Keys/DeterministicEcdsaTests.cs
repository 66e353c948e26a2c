using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using MeshSecurity.Core.Crypto;

namespace MeshSecurity.Core.Tests.Keys;

/// <summary>
/// Evidence is signed with RFC 6979's deterministic nonce: the RFC's own P-256/SHA-256 vectors come out, the signatures
/// verify with the BCL, and the same key and message always give the same bytes (so a journal holding evidence is
/// byte-identical for a seed).
/// </summary>
public class DeterministicEcdsaTests
{
    // RFC 6979, appendix A.2.5 (ECDSA, 256 bits, prime field)
    private static readonly byte[] RfcKey = Convert.FromHexString("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");

    [Theory]
    [InlineData("sample", "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
        "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
        "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8")]
    [InlineData("test", "D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0",
        "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
        "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083")]
    public void The_rfc_vectors_come_out(string message, string k, string r, string s)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(message));
        Assert.Equal(new BigInteger(Convert.FromHexString(k), isUnsigned: true, isBigEndian: true),
            DeterministicEcdsa.Nonces(RfcKey, hash).First());
        Assert.Equal(r + s, Convert.ToHexString(DeterministicEcdsa.Sign(RfcKey, Encoding.UTF8.GetBytes(message))));
    }

    [Theory]
    [InlineData("val-1", "")]
    [InlineData("val-1", "header at height 7")]
    [InlineData("osmo-val-2", "header at height 7")]
    [InlineData("juno-val-1", "a longer message, so the hash is all that is signed: 0123456789abcdef0123456789abcdef")]
    public void A_signature_verifies_with_the_bcl_and_is_the_same_every_time(string seed, string message)
    {
        using var key = ConsensusKey.FromSeed(seed);
        var bytes = Encoding.UTF8.GetBytes(message);

        var first = key.Sign(bytes);
        var second = key.Sign(bytes);

        Assert.Equal(64, first.Length);
        Assert.Equal(first, second);
        Assert.True(ConsensusKey.Verify(key.PublicKey, bytes, first));
        Assert.False(ConsensusKey.Verify(key.PublicKey, [.. bytes, 0x00], first));
        Assert.NotEqual(first, key.Sign([.. bytes, 0x00]));
    }

    [Fact]
    public void Double_sign_evidence_from_the_same_seed_is_the_same_bytes_in_every_run()
    {
        Apis.SignedHeader[] Evidence()
        {
            using var key = ConsensusKey.FromSeed("juno-val-1");
            var (a, b) = Apis.SignedHeader.DoubleSign("juno", 42, Types.Timestamp.FromSeconds(1_700_000_210), "ab12", "juno1val", key);
            return [a, b];
        }

        var first = Evidence();
        var again = Evidence();

        Assert.Equal(first.Select(h => Convert.ToHexString(h.Signature)), again.Select(h => Convert.ToHexString(h.Signature)));
        Assert.NotEqual(first[0].Signature, first[1].Signature); // two different headers at one height: the double sign
    }
}
