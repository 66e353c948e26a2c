using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// Seeded corruption of a finished run's journal, as a disk or a careless hand would do it: bytes flipped anywhere in
/// the file, or inside one record. --resume either ends with the same report (the damage touched nothing the run reads)
/// or refuses with exit 2 and one line naming the journal; never a crash, a trace or a different report.
/// </summary>
[Collection("console")]
public class JournalCorruptionTests(ResumeSafetyTests.Runs runs) : IClassFixture<ResumeSafetyTests.Runs>
{
    public static TheoryData<int> Trials => [.. Enumerable.Range(0, 12)];

    [Theory]
    [MemberData(nameof(Trials))]
    public async Task A_corrupted_journal_resumes_identically_or_is_refused_with_one_line(int trial)
    {
        var random = new Random(9000 + trial);
        var dir = Path.Combine(RepoFiles.TempDir(), "run");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(runs.Claims)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var journal = Path.Combine(dir, "journal.db");
        string what;
        if (trial % 2 == 0)
        {
            var bytes = File.ReadAllBytes(journal);
            var at = random.Next(bytes.Length - 16);
            for (var i = 0; i < 16; i++) bytes[at + i] ^= (byte)random.Next(1, 256);
            File.WriteAllBytes(journal, bytes);
            what = $"16 bytes flipped at offset {at}";
        }
        else
        {
            var ids = JournalSafetyTests.Rows(journal, "SELECT ordering FROM journal ORDER BY ordering");
            var row = ids[random.Next(ids.Count)];
            var length = int.Parse(JournalSafetyTests.Rows(journal,
                $"SELECT length(message) FROM journal WHERE ordering = {row}").Single());
            var at = random.Next(length);
            var b = random.Next(256);
            JournalSafetyTests.Sql(journal,
                $"UPDATE journal SET message = substr(message, 1, {at}) || X'{b:X2}' || substr(message, {at + 2}) WHERE ordering = {row}");
            what = $"record {row}: byte {at} set to {b:X2}";
        }

        var (code, _, err) = await MeshsecCli.Run("run", "--resume", dir);

        if (code == ExitCodes.Ok)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(runs.Claims, "report.json")), File.ReadAllText(Path.Combine(dir, "report.json")));
            return;
        }
        Assert.True(code == ExitCodes.BadInput, $"{what}: exit {code}: {err}");
        var line = Assert.Single(err.Split('\n'), l => l.StartsWith("meshsec run:", StringComparison.Ordinal));
        Assert.Contains(journal, line);
        Assert.DoesNotContain("   at ", err);
    }
}
