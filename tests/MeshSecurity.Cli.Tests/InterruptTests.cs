using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MeshSecurity.Cli.Commands;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// Ctrl-C stops a run cleanly: the partial report (marked interrupted) and the events up to the interruption are written,
/// the command to continue is printed, the exit code is 130, and --resume then ends exactly where an uninterrupted run does.
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
        ulong stopNanos;
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json"))))
        {
            var result = report.RootElement.GetProperty("result");
            Assert.False(result.GetProperty("ok").GetBoolean());
            Assert.False(string.IsNullOrEmpty(result.GetProperty("interrupted_at").GetString()));
            var scenario = report.RootElement.GetProperty("scenario");
            var genesis = ulong.Parse(scenario.GetProperty("genesis_time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            stopNanos = genesis * 1_000_000_000
                        + Duration.Parse(scenario.GetProperty("ready_after").GetString()!).Nanos
                        + Duration.Parse(result.GetProperty("interrupted_at").GetString()!).Nanos;
        }
        // events.jsonl went to disk slice by slice: every event of the uninterrupted run up to the interruption, none after
        var whole = File.ReadAllLines(Path.Combine(runs.Claims, "events.jsonl"));
        var upToStop = whole.TakeWhile(l => TimeOf(l) <= stopNanos).ToArray();
        Assert.True(upToStop.Length > 0 && upToStop.Length < whole.Length,
            $"{upToStop.Length} of {whole.Length} events before the interruption");
        Assert.Equal(upToStop, File.ReadAllLines(Path.Combine(dir, "events.jsonl")));

        var (code, _, err) = await MeshsecCli.Run("run", "--resume", dir, "--speed", "max");

        Assert.True(code == ExitCodes.Ok, err);
        Assert.Equal(File.ReadAllText(Path.Combine(runs.Claims, "report.json")), File.ReadAllText(Path.Combine(dir, "report.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(runs.Claims, "events.jsonl")), File.ReadAllText(Path.Combine(dir, "events.jsonl")));
    }

    private static ulong TimeOf(string line)
    {
        using var json = JsonDocument.Parse(line);
        return ulong.Parse(json.RootElement.GetProperty("unix_ns").GetString()!, CultureInfo.InvariantCulture);
    }
}
