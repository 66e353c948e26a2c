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
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{scope}|{kind}|{index}"));
        var bits = BitConverter.ToUInt64(bytes, 0) >> 11; // 53 bits, exactly representable
        return bits / (double)(1UL << 53);
    }
}
