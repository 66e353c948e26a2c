using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MeshSecurity.Scenarios.Generation;

/// <summary>A small deterministic generator (SplitMix64) seeded from a string: the same seed gives the same draws everywhere.</summary>
internal sealed class SplitMix64(string seed)
{
    private ulong _state = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes("meshsec-gen/" + seed)));

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n).</summary>
    public int Below(int n) => (int)(Next() % (ulong)n);

    /// <summary>Uniform in [min, max].</summary>
    public int Between(int min, int max) => min + Below(max - min + 1);

    /// <summary>True with probability p (53-bit resolution).</summary>
    public bool Chance(double p) => (Next() >> 11) * (1.0 / (1UL << 53)) < p;
}
