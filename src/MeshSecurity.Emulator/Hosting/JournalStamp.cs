using System.Security.Cryptography;
using System.Text;

namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// What a journal was written for, stored in it when a run starts: the scenario's name and a hash of the scenario
/// file's bytes and the run's seed. A journal is only reused (emptied for a new run, or continued by --resume) when it
/// carries a stamp; --resume also requires the same hash, so it never continues another scenario's history.
/// </summary>
public sealed record JournalStamp(string ScenarioName, string RunHash)
{
    /// <summary>The stamp's format in the journal; a journal stamped in another format is not reused.</summary>
    public const int Format = 1;

    /// <summary>SHA-256 (hex) of the scenario file's bytes and the seed the run uses: what decides the history.</summary>
    public static string HashOf(ReadOnlySpan<byte> scenarioFile, string seed)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(scenarioFile);
        sha.AppendData([0]);
        sha.AppendData(Encoding.UTF8.GetBytes(seed));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The first 12 hex digits, enough to tell two runs apart in a message.</summary>
    public string ShortHash => RunHash.Length > 12 ? RunHash[..12] : RunHash;
}
