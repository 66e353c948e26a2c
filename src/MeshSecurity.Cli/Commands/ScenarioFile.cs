using System.Text;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// A scenario file as the commands read it: a regular file of at most <see cref="MaxBytes"/> (a folder, a device such as
/// /dev/zero or a huge file is refused with one line, never read without bound), its bytes (what a run's stamp
/// hashes) and the parsed scenario.
/// </summary>
public sealed record ScenarioFile(string Path, byte[] Bytes, Scenario Scenario)
{
    /// <summary>Far above any scenario a person or `meshsec gen` writes (gen's largest is under 2 MiB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Reads and parses; <see cref="ScenarioException"/> for a bad scenario, <see cref="IOException"/> (one line) for a bad
    /// file.</summary>
    public static ScenarioFile Read(string path, string? shownAs = null)
    {
        var bytes = ReadBytes(path);
        return new ScenarioFile(path, bytes, ScenarioParser.Parse(Decode(path, bytes), shownAs ?? path));
    }

    public static byte[] ReadBytes(string path)
    {
        if (Directory.Exists(path)) throw new IOException($"{path} is a folder, not a scenario file");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} not found");
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[MaxBytes + 1];
            var n = f.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (n > MaxBytes) throw new IOException($"{path} is larger than {MaxBytes / (1024 * 1024)} MiB: not a scenario file");
            return buffer[..n];
        }
        catch (UnauthorizedAccessException)
        {
            throw new IOException($"{path} cannot be read: permission denied");
        }
    }

    public static string Decode(string path, byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            throw new IOException($"{path} is not UTF-8 text (invalid byte at offset {ex.Index}): not a scenario file");
        }
    }
}
