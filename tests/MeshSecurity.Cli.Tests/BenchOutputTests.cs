using System.Text.Json;
using MeshSecurity.Cli.Bench;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// bench for scripts and for people: --json puts bench.json's document alone on stdout, every figure is reported on
/// stderr as soon as it is measured, repetitions that spread widely are marked noisy, and a quick run is not judged
/// against goals stated for full runs.
/// </summary>
[Collection("console")]
public class BenchOutputTests
{
    [Fact]
    public async Task Bench_json_prints_the_document_alone_on_stdout_and_each_figure_on_stderr_as_it_comes()
    {
        var path = Path.Combine(RepoFiles.TempDir(), "bench.json");

        var (code, output, errors) = await MeshsecCli.Run("bench", "--quick", "--only", "a", "--json", "--out", path);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output); // nothing but the document
        Assert.Equal("meshsec-bench/1", doc.RootElement.GetProperty("schema").GetString());
        var figure = Assert.Single(doc.RootElement.GetProperty("benchmarks").EnumerateArray());
        Assert.Equal("raw_akka_round_trips", figure.GetProperty("id").GetString());
        Assert.Contains("bench: a. Akka ping-pong, window 100: ", errors);
        Assert.Contains("wrote ", errors);
        Assert.Equal(output.Trim(), (await File.ReadAllTextAsync(path)).Trim());
    }

    [Theory]
    [InlineData(new[] { 100.0, 100, 100 }, false)]
    [InlineData(new[] { 80.0, 100, 129 }, false)]
    [InlineData(new[] { 40.0, 100, 100 }, true)]
    [InlineData(new[] { 100.0, 100, 900 }, true)]
    [InlineData(new[] { 100.0 }, false)]
    public void Repetitions_that_spread_by_more_than_half_the_median_are_marked_noisy(double[] samples, bool noisy)
    {
        var r = new BenchResult("x", "a", "x", "ops/s", samples);
        Assert.Equal(noisy, r.Noisy);
        Assert.Equal(noisy, r.ProgressLine.Contains("noisy", StringComparison.Ordinal));
        var html = BenchHtml.Render(new BenchReport(false, "2026-12-02T00:00:00Z", new Dictionary<string, object?>(), [r]));
        Assert.Equal(noisy, html.Contains("<b class=bad>noisy</b>", StringComparison.Ordinal));
    }

    [Fact]
    public void A_quick_run_is_not_judged_against_a_goal_stated_for_full_runs()
    {
        var figure = new BenchResult("relayed_packets", "b", "relayed packets", "packets/s", [1_000, 1_000]);
        var quick = BenchGoals.Check(new BenchReport(true, "2026-12-02T00:00:00Z", new Dictionary<string, object?>(), [figure]))
            .Single(c => c.Goal.Key == "relayed_packets");
        var full = BenchGoals.Check(new BenchReport(false, "2026-12-02T00:00:00Z", new Dictionary<string, object?>(), [figure]))
            .Single(c => c.Goal.Key == "relayed_packets");

        Assert.Null(quick.Met);
        Assert.Equal("a quick run: judged on a full run", quick.Unjudged);
        Assert.False(full.Met);
    }
}
