using System.Text.Json;
using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>`meshsec validate --json` and `meshsec run --json` are one JSON document a script can read, with the same exit codes.</summary>
[Collection("console")]
public class JsonOutputTests
{
    [Fact]
    public async Task A_run_prints_only_its_summary_with_each_failure_and_where_its_files_are()
    {
        var dir = RepoFiles.TempDir();
        var broken = Path.Combine(dir, "broken.conf");
        File.WriteAllText(broken, File.ReadAllText(RepoFiles.Scenario("claims.conf")).Replace(
            "what = lockup-free, chain = osmosis, account = alice, equals = 300000000",
            "what = lockup-free, chain = osmosis, account = alice, equals = 300000001", StringComparison.Ordinal));

        var (code, output, _) = await MeshsecCli.Run("run", broken, "--out", Path.Combine(dir, "out"), "--journal", "memory", "--json");

        Assert.Equal(ExitCodes.Failed, code);
        using var doc = JsonDocument.Parse(output); // nothing but the document: no progress, no tables
        var root = doc.RootElement;
        Assert.Equal((false, 1, 17, 1, 15, 0), (root.GetProperty("ok").GetBoolean(), root.GetProperty("exit_code").GetInt32(),
            root.GetProperty("expectations").GetInt32(), root.GetProperty("failed_expectations").GetInt32(),
            root.GetProperty("invariants").GetInt32(), root.GetProperty("failed_invariants").GetInt32()));
        Assert.Equal("broken.conf:92:3 at 15m: osmosis lockup free of alice: expected 300000001, got 300000000",
            Assert.Single(root.GetProperty("failures").EnumerateArray()).GetString());
        Assert.True(File.Exists(root.GetProperty("report").GetString()));
    }

    [Fact]
    public async Task A_step_that_fails_otherwise_than_it_expected_fails_the_run_and_is_named()
    {
        var dir = RepoFiles.TempDir();
        var broken = Path.Combine(dir, "refusals.conf");
        File.WriteAllText(broken, File.ReadAllText(RepoFiles.Scenario("lockup-refusals.conf")).Replace(
            "expect-error = NoFunds", "expect-error = NonPayable", StringComparison.Ordinal));

        var (code, output, _) = await MeshsecCli.Run("run", broken, "--out", Path.Combine(dir, "out"), "--journal", "memory", "--json");

        Assert.Equal(ExitCodes.Failed, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal((false, 11, 1, 0), (root.GetProperty("ok").GetBoolean(), root.GetProperty("steps").GetInt32(),
            root.GetProperty("failed_steps").GetInt32(), root.GetProperty("failed_expectations").GetInt32()));
        Assert.Equal("refusals.conf:54:3 at 12m: step #6 execute: expected error NonPayable, got payment:NoFunds: No funds sent",
            Assert.Single(root.GetProperty("failures").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_valid_file_gives_its_counts()
    {
        var (code, output, _) = await MeshsecCli.Run("validate", RepoFiles.Scenario("claims.conf"), "--json");

        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal((4, 3, 8, 17), (doc.RootElement.GetProperty("chains").GetInt32(), doc.RootElement.GetProperty("links").GetInt32(),
            doc.RootElement.GetProperty("steps").GetInt32(), doc.RootElement.GetProperty("expectations").GetInt32()));
    }

    [Fact]
    public async Task Errors_come_with_their_locations_and_a_bad_file_with_its_problem()
    {
        var file = Path.Combine(RepoFiles.TempDir(), "bad.conf");
        File.WriteAllText(file, "scenario { name = x, seed = 1, duration = 1h }\nchains = [ { id = a, blok-time = 6s } ]\n");

        var (code, output, _) = await MeshsecCli.Run("validate", file, "--json");
        var (folderCode, folderOutput, _) = await MeshsecCli.Run("validate", Path.GetDirectoryName(file)!, "--json");

        Assert.Equal(ExitCodes.BadInput, code);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("ok").GetBoolean());
        var typo = doc.RootElement.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "chains[0].blok-time");
        Assert.Equal((2, 22), (typo.GetProperty("line").GetInt32(), typo.GetProperty("column").GetInt32()));
        Assert.Contains("did you mean \"block-time\"", typo.GetProperty("message").GetString());
        Assert.Equal(ExitCodes.BadInput, folderCode);
        using var folder = JsonDocument.Parse(folderOutput);
        Assert.Contains("is a folder", folder.RootElement.GetProperty("problem").GetString());
    }

    /// <summary>A run that cannot start still answers on stdout: a script piping it into jq sees why, not an empty stream.</summary>
    [Fact]
    public async Task A_run_refused_as_bad_input_says_why_as_json()
    {
        var dir = RepoFiles.TempDir();
        var file = Path.Combine(dir, "bad.conf");
        File.WriteAllText(file, "scenario { name = x, seed = 1, duration = 1h }\nchains = [ { id = a, blok-time = 6s } ]\n");

        var (code, output, _) = await MeshsecCli.Run("run", file, "--out", Path.Combine(dir, "out"), "--json");
        var (journalCode, journalOutput, _) = await MeshsecCli.Run("run", RepoFiles.Scenario("claims.conf"), "--out",
            Path.Combine(dir, "out2"), "--journal", "nope:x", "--json");

        Assert.Equal(ExitCodes.BadInput, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal((false, 2), (doc.RootElement.GetProperty("ok").GetBoolean(), doc.RootElement.GetProperty("exit_code").GetInt32()));
        var typo = doc.RootElement.GetProperty("errors").EnumerateArray()
            .Single(e => e.GetProperty("key").GetString() == "chains[0].blok-time");
        Assert.Equal((2, 22), (typo.GetProperty("line").GetInt32(), typo.GetProperty("column").GetInt32()));
        Assert.Equal(ExitCodes.BadInput, journalCode);
        using var journal = JsonDocument.Parse(journalOutput);
        Assert.Contains("--journal must be", journal.RootElement.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }
}
