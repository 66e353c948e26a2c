using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// meshsec soak as CI runs it (docs/chaos.md, "Soak"): many operations over 20 chains under a nemesis of every fault
/// family, ending with no invariant violated; the same seed giving the same report.json and events.jsonl byte for byte.
/// </summary>
[Collection("console")]
public class SoakTests
{
    private static readonly string[] Families = ["net", "relayer", "chain", "validator", "ibc", "econ"];

    [Fact]
    public async Task Twenty_chains_under_every_fault_family_violate_no_invariant()
    {
        var dir = RepoFiles.TempDir();

        var (code, output, errors) = await MeshsecCli.Run("soak", "--chains", "20", "--ops", "2000", "--seed", "1", "--out", dir,
            "--journal", "memory");

        Assert.True(code == ExitCodes.Ok, $"{output}\n{errors}");
        var summary = output.Split('\n').Single(l => l.StartsWith("soak: ", StringComparison.Ordinal));
        Assert.Contains("2,000 operations", summary, StringComparison.Ordinal);
        Assert.Contains("0 invariant violations", summary, StringComparison.Ordinal);
        Assert.All(Families, f => Assert.Matches($@"[(, ]{f}\.[a-z-]+ \d+", summary));
        // the faults that retire validators, once each, and a price shock on a link with a price feed
        Assert.All(["validator.double-sign 1", "validator.tombstone 1", "econ.slash-storm 1"],
            f => Assert.Contains(f, summary, StringComparison.Ordinal));
        Assert.Matches(@"econ\.price-shock \d+", summary);
        Assert.Matches(@"settled \d", summary);
        Assert.Contains($"replay: meshsec run {Path.Combine(dir, "soak.conf")}", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "report.json")));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_report_and_events_byte_for_byte()
    {
        var (a, b) = (RepoFiles.TempDir(), RepoFiles.TempDir());
        foreach (var dir in new[] { a, b })
        {
            var (code, output, errors) = await MeshsecCli.Run("soak", "--chains", "5", "--ops", "250", "--seed", "same", "--out", dir,
                "--journal", "memory");
            Assert.True(code == ExitCodes.Ok, $"{output}\n{errors}");
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "soak.conf")), File.ReadAllBytes(Path.Combine(b, "soak.conf")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "report.json")), File.ReadAllBytes(Path.Combine(b, "report.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "events.jsonl")), File.ReadAllBytes(Path.Combine(b, "events.jsonl")));
    }

    [Theory]
    [InlineData("--chains", "2", "chains must be from 3 to 200, got 2")]
    [InlineData("--ops", "0", "ops must be from 1 to 1000000, got 0")]
    [InlineData("--faults", "net.lose", "unknown fault \"net.lose\" (did you mean \"net.loss\"?)")]
    public async Task Misuse_exits_2_saying_why(string flag, string value, string said)
    {
        var (code, _, errors) = await MeshsecCli.Run("soak", flag, value, "--out", RepoFiles.TempDir(), "--journal", "memory");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(said, errors, StringComparison.Ordinal);
    }
}
