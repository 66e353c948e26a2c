using System.Text;

namespace MeshSecurity.Core.Types;

/// <summary>BIP-173 bech32 encoding (the address format of Cosmos chains): human-readable part, '1', data, 6-char checksum.</summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        var five = ConvertBits(data);
        var checksum = Checksum(hrp, five);
        var sb = new StringBuilder(hrp.Length + 1 + five.Count + 6).Append(hrp).Append('1');
        foreach (var v in five.Concat(checksum)) sb.Append(Charset[v]);
        return sb.ToString();
    }

    private static List<byte> ConvertBits(ReadOnlySpan<byte> data)
    {
        var result = new List<byte>();
        int acc = 0, bits = 0;
        foreach (var b in data)
        {
            acc = (acc << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                result.Add((byte)((acc >> bits) & 31));
            }
        }
        if (bits > 0) result.Add((byte)((acc << (5 - bits)) & 31));
        return result;
    }

    private static byte[] Checksum(string hrp, List<byte> data)
    {
        var values = new List<byte>();
        foreach (var c in hrp) values.Add((byte)(c >> 5));
        values.Add(0);
        foreach (var c in hrp) values.Add((byte)(c & 31));
        values.AddRange(data);
        values.AddRange(new byte[6]);
        var polymod = Polymod(values) ^ 1;
        var result = new byte[6];
        for (var i = 0; i < 6; i++) result[i] = (byte)((polymod >> (5 * (5 - i))) & 31);
        return result;
    }

    private static uint Polymod(List<byte> values)
    {
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
                if (((top >> i) & 1) != 0) chk ^= Generator[i];
        }
        return chk;
    }
}
