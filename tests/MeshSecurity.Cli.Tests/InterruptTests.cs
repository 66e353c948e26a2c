using System.Diagnostics;
using System.Text.Json;
using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// Ctrl-C stops a run cleanly: the partial report (marked interrupted) and the events so far are written, the command to
/// continue is printed, the exit code is 130, and --resume then ends exactly where an uninterrupted run does.
/// </summary>
[Collection("console")]
public class InterruptTests(ResumeSafetyTests.Runs runs) : IClassFixture<ResumeSafetyTests.Runs>
{
    [Fact]
    public async Task Ctrl_c_writes_the_report_so_far_and_the_run_resumes_to_the_uninterrupted_result()
    {
        if (OperatingSystem.IsWindows()) return; // SIGINT is sent with kill(1)
        var dir = Path.Combine(RepoFiles.TempDir(), "run");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args = [Path.Combine(AppContext.BaseDirectory, "meshsec.dll"), "run", RepoFiles.Scenario("claims.conf"),
            "--speed", "300", "--out", dir];
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        // piped progress: once a step is done, the run is well inside its timeline (1h45m at 300x takes 21 s)
        string? line;
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null
               && !(line.StartsWith("[running]", StringComparison.Ordinal) && !line.Contains("steps 0/", StringComparison.Ordinal)))
        {
        }
        Assert.NotNull(line);
        using (var kill = Process.Start("kill", ["-INT", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        var rest = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();

        Assert.Equal(ExitCodes.Interrupted, child.ExitCode);
        Assert.Contains("interrupted at ", rest);
        Assert.Contains($"meshsec run --resume {dir}", await stderr);
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json"))))
        {
            var result = report.RootElement.GetProperty("result");
            Assert.False(result.GetProperty("ok").GetBoolean());
            Assert.False(string.IsNullOrEmpty(result.GetProperty("interrupted_at").GetString()));
        }
        Assert.True(new FileInfo(Path.Combine(dir, "events.jsonl")).Length > 0);

        var (code, _, err) = await MeshsecCli.Run("run", "--resume", dir, "--speed", "max");

        Assert.True(code == ExitCodes.Ok, err);
        Assert.Equal(File.ReadAllText(Path.Combine(runs.Claims, "report.json")), File.ReadAllText(Path.Combine(dir, "report.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(runs.Claims, "events.jsonl")), File.ReadAllText(Path.Combine(dir, "events.jsonl")));
    }
}
