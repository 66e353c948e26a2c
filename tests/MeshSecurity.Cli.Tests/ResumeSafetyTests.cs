using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// --resume continues only the history its folder started: a missing, emptied, foreign, damaged or tampered journal, or
/// an edited scenario.conf, is refused at once with exit 2 and a line naming the journal (and the chain and height when
/// the damage is inside a chain's records), never a stack trace.
/// </summary>
[Collection("console")]
public class ResumeSafetyTests(ResumeSafetyTests.Runs runs) : IClassFixture<ResumeSafetyTests.Runs>
{
    /// <summary>
    /// One finished run of claims.conf and one of quickstart.conf, each with its SQLite journal in its folder: made once
    /// per test process and shared by every class that takes this fixture (they copy the folders, never change them).
    /// </summary>
    public sealed class Runs : IAsyncLifetime
    {
        private static readonly Lazy<Task<(string Claims, string Quickstart)>> Made = new(MakeAsync);

        public string Claims { get; private set; } = "";
        public string Quickstart { get; private set; } = "";

        public async Task InitializeAsync() => (Claims, Quickstart) = await Made.Value;

        public Task DisposeAsync() => Task.CompletedTask;

        private static async Task<(string Claims, string Quickstart)> MakeAsync()
        {
            var (claims, quickstart) = (Path.Combine(RepoFiles.TempDir(), "claims"), Path.Combine(RepoFiles.TempDir(), "quickstart"));
            foreach (var (scenario, dir) in new[] { ("claims.conf", claims), ("quickstart.conf", quickstart) })
            {
                var (code, _, err) = await MeshsecCli.Run("run", RepoFiles.Scenario(scenario), "--out", dir);
                if (code != ExitCodes.Ok) throw new InvalidOperationException($"{scenario}: exit {code}: {err}");
            }
            return (claims, quickstart);
        }
    }

    public static TheoryData<string, string> Tamperings => new()
    {
        { "edit scenario.conf", "scenario.conf was changed after the run started" },
        { "delete journal", "is missing: there is nothing to resume" },
        { "truncate journal to 0 bytes", "is an empty file" },
        { "delete every record", "holds no records (the run was stopped before its first, or they were deleted): there is nothing to " +
            "resume; start it again with: meshsec run" },
        { "journal of quickstart", "written by a run of scenario 'quickstart'" },
        { "garbage in juno's record 3", "chain juno cannot read journal record 3 (after height" },
        { "cut the file short", "cannot be read" },
        { "delete juno's record 3", "chain juno re-produced block" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_tampered_run_folder_is_refused_with_one_line_and_exit_2(string tampering, string message)
    {
        var dir = CopyOf(runs.Claims);
        var journal = Path.Combine(dir, "journal.db");
        switch (tampering)
        {
            case "edit scenario.conf": File.AppendAllText(Path.Combine(dir, "scenario.conf"), "\n# edited\n"); break;
            case "delete journal": File.Delete(journal); break;
            case "truncate journal to 0 bytes": File.WriteAllBytes(journal, []); break;
            case "delete every record": JournalSafetyTests.Sql(journal, "DELETE FROM journal"); break;
            case "journal of quickstart": File.Copy(Path.Combine(runs.Quickstart, "journal.db"), journal, overwrite: true); break;
            case "garbage in juno's record 3":
                JournalSafetyTests.Sql(journal,
                    "UPDATE journal SET message = X'7B2262726F6B' WHERE persistence_id = 'chain-juno' AND sequence_number = 3");
                break;
            case "cut the file short":
                using (var f = new FileStream(journal, FileMode.Open)) f.SetLength(f.Length / 2);
                break;
            default:
                JournalSafetyTests.Sql(journal, "DELETE FROM journal WHERE persistence_id = 'chain-juno' AND sequence_number = 3");
                break;
        }

        var (code, _, err) = await MeshsecCli.Run("run", "--resume", dir);

        Assert.True(code == ExitCodes.BadInput, $"exit {code}: {err}");
        Assert.Contains(message, err);
        Assert.Contains(tampering == "edit scenario.conf" ? dir : journal, err);
        Assert.Single(err.Split('\n'), line => line.StartsWith("meshsec run:", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task A_copied_run_folder_resumes_its_own_copy_of_the_journal()
    {
        var dir = CopyOf(runs.Claims);
        var original = File.GetLastWriteTimeUtc(Path.Combine(runs.Claims, "journal.db"));

        var (code, _, err) = await MeshsecCli.Run("run", "--resume", dir);

        Assert.True(code == ExitCodes.Ok, err);
        Assert.Equal(original, File.GetLastWriteTimeUtc(Path.Combine(runs.Claims, "journal.db")));
        Assert.Equal(File.ReadAllText(Path.Combine(runs.Claims, "report.json")), File.ReadAllText(Path.Combine(dir, "report.json")));
    }

    private static string CopyOf(string dir)
    {
        var copy = Path.Combine(RepoFiles.TempDir(), "run");
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(dir)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        return copy;
    }
}
