using System.Text.Json;
using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>--log-format json: the run's log as one JSON object per line, for log pipelines; a bad value is bad input.</summary>
[Collection("console")]
public class LogFormatTests
{
    /// <summary>The header names the version and the commit meshsec was built from (an installed tool has no git).</summary>
    [Fact]
    public async Task A_json_log_is_one_object_per_line_with_the_template_and_its_named_properties()
    {
        var dir = RepoFiles.TempDir();
        var (code, _, err) = await MeshsecCli.Run("run", RepoFiles.Scenario("claims.conf"), "--out", dir, "--journal", "memory",
            "--log-format", "json");
        Assert.True(code == 0, err);

        var lines = await File.ReadAllLinesAsync(Path.Combine(dir, "meshsec.log"));
        Assert.NotEmpty(lines);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(entries, e => Assert.True(e.TryGetProperty("MessageTemplate", out _) && e.TryGetProperty("Level", out _)));
        var scenario = entries.Single(e =>
            e.GetProperty("MessageTemplate").GetString()!.StartsWith("scenario {Scenario}", StringComparison.Ordinal));
        Assert.Equal("claims", scenario.GetProperty("Properties").GetProperty("Scenario").GetString());
        var header = entries.First().GetProperty("Properties");
        Assert.Matches(@"^\d+\.\d+\.\d+$", header.GetProperty("Version").GetString());
        Assert.Matches("^[0-9a-f]{40}$", header.GetProperty("Commit").GetString());
        Assert.DoesNotContain(entries, e => e.GetProperty("MessageTemplate").GetString()!.Contains("{0}", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.GetProperty("MessageTemplate").GetString() == "exit code {ExitCode}"
                                      && e.GetProperty("Properties").GetProperty("ExitCode").GetInt32() == 0);
    }

    [Fact]
    public async Task An_unknown_log_format_exits_2_saying_which_are_known()
    {
        var dir = RepoFiles.TempDir();
        var (code, _, err) = await MeshsecCli.Run("run", RepoFiles.Scenario("claims.conf"), "--out", dir, "--log-format", "xml");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--log-format must be text or json, got 'xml'", err, StringComparison.Ordinal);
    }
}
