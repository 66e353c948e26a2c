using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// A run folder named relative to where the run started resumes its own journal from any other directory. Both runs are
/// child processes, so this class runs beside the other parallel tests, not in the "console" collection (which runs alone,
/// after them: this test was 19 s of it).
/// </summary>
public class RelativeOutResumeTests
{
    [Fact]
    public async Task A_run_with_a_relative_out_resumes_its_own_journal_from_any_directory()
    {
        var home = RepoFiles.TempDir();
        var elsewhere = RepoFiles.TempDir();
        var (first, _, firstErr) = await MeshsecCli.Process(home, "run", RepoFiles.Scenario("claims.conf"), "--out", "out/claims");
        Assert.True(first == ExitCodes.Ok, firstErr);
        var report = File.ReadAllText(Path.Combine(home, "out", "claims", "report.json"));

        var (resumed, output, err) = await MeshsecCli.Process(elsewhere, "run", "--resume", Path.Combine(home, "out", "claims"));

        Assert.True(resumed == ExitCodes.Ok, $"{output}\n{err}");
        Assert.Equal(report, File.ReadAllText(Path.Combine(home, "out", "claims", "report.json")));
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }
}
