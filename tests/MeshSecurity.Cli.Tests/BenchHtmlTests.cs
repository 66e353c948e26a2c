using System.Text.RegularExpressions;
using MeshSecurity.Cli.Bench;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// bench.html as a reader sees it: every figure listed, a growth chart per series measured at several sizes, the goals
/// judged from the report's own medians, text escaped, nothing fetched from elsewhere, and the same page from bench.json.
/// </summary>
public class BenchHtmlTests
{
    private static BenchResult Fig(string id, string group, string title, string unit, double median, string? series = null, int? n = null, string note = "") =>
        new(id, group, title, unit, [median * 0.9, median, median * 1.2], note, series, n);

    private static BenchReport Report(params BenchResult[] results) => new(false, "2025-06-01T12:34:56.789Z", Machine(), results);

    private static Dictionary<string, object?> Machine() => new()
    {
        ["processor_count"] = 16, ["os"] = "Ubuntu 24.04", ["architecture"] = "X64", ["dotnet"] = ".NET 10.0.0", ["akka"] = "1.5.40",
        ["meshsec"] = "0.1.0.0", ["server_gc"] = true, ["git_commit"] = null,
    };

    /// <summary>A full run: every group, three series at three sizes, time compression at one size, and an awkward title.</summary>
    private static BenchReport Full() => Report(
        Fig("raw_akka_round_trips", "a", "Akka ping-pong, window 100", "trips/s", 2_500_000),
        Fig("relayed_packets", "b", "relayed packets, memory", "packets/s", 310_000),
        Fig("relay_vs_raw", "b", "relayed / Akka round trips", "%", 12.4),
        Fig("slash_fanout_wall_n10", "c", "slash, 10 consumers, wall", "ms", 12, "slash_fanout_wall", 10),
        Fig("slash_fanout_wall_n100", "c", "slash, 100 consumers, wall", "ms", 95, "slash_fanout_wall", 100),
        Fig("slash_fanout_wall_n1000", "c", "slash, 1000 consumers, wall", "ms", 870, "slash_fanout_wall", 1000),
        Fig("slash_fanout_emulated_n10", "c", "slash, 10 consumers, emulated", "s", 5, "slash_fanout_emulated", 10),
        Fig("slash_fanout_emulated_n100", "c", "slash, 100 consumers, emulated", "s", 5, "slash_fanout_emulated", 100),
        Fig("slash_fanout_emulated_n1000", "c", "slash, 1000 consumers, emulated", "s", 10, "slash_fanout_emulated", 1000),
        Fig("scale_memory_n100", "d", "100 idle chains, heap", "KiB/chain", 40, "scale_memory", 100),
        Fig("scale_memory_n1000", "d", "1000 idle chains, heap", "KiB/chain", 36, "scale_memory", 1000),
        Fig("scale_memory_n10000", "d", "10000 idle chains, heap", "KiB/chain", 35, "scale_memory", 10000),
        Fig("scale_blocks_n100", "d", "100 idle chains, blocks", "blocks/s", 1_000, "scale_blocks", 100),
        Fig("scale_blocks_n1000", "d", "1000 idle chains, blocks", "blocks/s", 14_000, "scale_blocks", 1000),
        Fig("scale_blocks_n10000", "d", "10000 idle chains, blocks", "blocks/s", 90_000, "scale_blocks", 10000),
        Fig("time_compression_ring100", "e", "ring of 100 chains, 6 s blocks", "x real", 45_000, "time_compression", 100),
        Fig("sqlite_committed_txs", "f", "SQLite journal <commits> & \"fsync\"", "txs/s", 18_000, note: "WAL <on>"));

    /// <summary>The &lt;svg&gt; of one series' chart.</summary>
    private static string Chart(string html, string series)
    {
        var m = Regex.Match(html, $"<svg[^>]*data-series=\"{series}\".*?</svg>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no chart for {series}");
        return m.Value;
    }

    /// <summary>The status of one goal's row (met, not-met or unjudged), or null when the goal has no row.</summary>
    private static string? GoalStatus(string html, string key) =>
        Regex.Match(html, $"<tr data-goal=\"{Regex.Escape(key)}\" data-status=\"([a-z-]+)\">") is { Success: true } m ? m.Groups[1].Value : null;

    private static string GoalRow(string html, string key) =>
        Regex.Match(html, $"<tr data-goal=\"{Regex.Escape(key)}\".*?</tr>", RegexOptions.Singleline).Value;

    [Fact]
    public void Every_figure_is_listed_with_its_id_title_and_median_under_its_group_heading()
    {
        var report = Full();
        var html = BenchHtml.Render(report);

        foreach (var r in report.Results)
        {
            Assert.Contains($"<code>{r.Id}</code>", html);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(r.Title), html);
        }
        Assert.Contains("<td class=num>2.5M</td>", html);
        Assert.Contains("<td class=num>12.4</td>", html);
        string[] headings = ["a. raw Akka bound", "b. relayed packets", "c. slash fan-out", "d. scale", "e. time compression", "f. persistence"];
        var at = headings.Select(g => html.IndexOf($"<th colspan=6>{g}</th>", StringComparison.Ordinal)).ToList();
        Assert.All(at, i => Assert.True(i > 0));
        Assert.Equal(at.Order(), at);
        // each figure sits under its own group's heading
        Assert.InRange(html.IndexOf("<code>scale_blocks_n100</code>", StringComparison.Ordinal), at[3], at[4]);
    }

    [Fact]
    public void The_header_names_the_run_kind_start_time_and_machine()
    {
        var html = BenchHtml.Render(Full());
        Assert.Contains("full run", html);
        Assert.Contains("quick run", BenchHtml.Render(Full() with { Quick = true }));
        Assert.Contains("2025-06-01 12:34:56 UTC", html);
        foreach (var s in new[] { "<td>16</td>", "Ubuntu 24.04", ".NET 10.0.0", "1.5.40", "server GC", "<td>yes</td>", "git commit", "<code>unknown</code>" })
            Assert.Contains(s, html);
    }

    [Fact]
    public void Each_series_measured_at_several_sizes_has_a_chart_with_one_point_per_size_on_labelled_axes()
    {
        var report = Full();
        var html = BenchHtml.Render(report);

        foreach (var series in new[] { "slash_fanout_wall", "slash_fanout_emulated", "scale_memory", "scale_blocks" })
        {
            var svg = Chart(html, series);
            var sizes = report.Results.Where(r => r.Series == series).Select(r => r.N!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var points = Regex.Matches(svg, "<circle class=\"pt\" data-n=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(sizes, points);
            Assert.Equal(sizes.Count, Regex.Matches(svg, "class=\"whisker\"").Count);
            Assert.Contains("(log scale)</text>", svg);
            Assert.Contains($">{report.Results.First(r => r.Series == series).Unit}", svg);
        }
        Assert.Contains(">N, consumers (log scale)<", Chart(html, "slash_fanout_wall"));
        Assert.Contains(">1,000<", Chart(html, "slash_fanout_wall"));
        // blocks/s span 900 to over 100,000: more than two decades, so the value axis is logarithmic too
        Assert.Contains(">blocks/s (log scale)<", Chart(html, "scale_blocks"));
        Assert.Contains(">KiB/chain<", Chart(html, "scale_memory"));
        // one size only: no chart, said so
        Assert.DoesNotContain("data-series=\"time_compression\"", html);
        Assert.Contains("<code>time_compression</code> was measured at one size only", html);
    }

    [Fact]
    public void Charts_draw_the_goal_in_the_series_own_unit()
    {
        var html = BenchHtml.Render(Full());
        Assert.Contains("goal &lt; 1,000 ms at N=1,000", Chart(html, "slash_fanout_wall"));
        Assert.Contains("goal &lt; 4 GiB at N=10,000", Chart(html, "scale_memory"));
        Assert.Contains("class=\"goal\"", Chart(html, "scale_memory"));
    }

    [Theory]
    [InlineData("relayed_packets", null, "packets/s", 200_000, true)]
    [InlineData("relayed_packets", null, "packets/s", 199_999, false)]
    [InlineData("relay_vs_raw", null, "%", 10, true)]
    [InlineData("relay_vs_raw", null, "%", 9.9, false)]
    [InlineData("relay_allocated_steady", null, "KiB/packet", 11.9, true)]
    [InlineData("relay_allocated_steady", null, "KiB/packet", 12.1, false)]
    [InlineData("slash_fanout_wall", 1000, "ms", 999, true)]
    [InlineData("slash_fanout_wall", 1000, "ms", 1000, false)]
    [InlineData("scale_memory", 10000, "KiB/chain", 419, true)] // 4 GiB / 10,000 chains = 419.43 KiB per chain
    [InlineData("scale_memory", 10000, "KiB/chain", 420, false)]
    [InlineData("time_compression", 100, "x real", 10_000, true)]
    [InlineData("time_compression", 100, "x real", 9_999, false)]
    [InlineData("barrier_reduction_ring100_jitter", null, "x", 10, true)]
    [InlineData("barrier_reduction_ring100_jitter", null, "x", 9.9, false)]
    [InlineData("quickstart_speed_3600", null, "x real", 3_400, true)]
    [InlineData("quickstart_speed_3600", null, "x real", 3_399, false)]
    [InlineData("sqlite_committed_txs", null, "txs/s", 20_000, true)]
    [InlineData("sqlite_committed_txs", null, "txs/s", 19_999, false)]
    [InlineData("postgres_committed_txs", null, "txs/s", 25_000, true)]
    [InlineData("postgres_committed_txs", null, "txs/s", 1_000, false)]
    public void A_goal_is_met_or_not_by_the_median_on_either_side_of_it(string series, int? n, string unit, double median, bool met)
    {
        var figure = new BenchResult(n is null ? series : $"{series}_n{n}", "x", series, unit, [median * 2, median, median / 2], "", series, n);
        var html = BenchHtml.Render(Report(figure));

        var key = series is "slash_fanout_wall" or "scale_memory" or "time_compression" ? $"{series}@{n}" : series;
        Assert.Equal(met ? "met" : "not-met", GoalStatus(html, key));
        Assert.Contains(met ? "<td class=ok>met</td>" : "<td class=bad>not met</td>", GoalRow(html, key));
        Assert.Equal(met, BenchGoals.Check(Report(figure)).Single(c => c.Goal.Key == key).Met);
    }

    [Fact]
    public void The_memory_goal_shows_the_total_for_ten_thousand_chains()
    {
        var html = BenchHtml.Render(Full());
        // 35 KiB per chain × 10,000 chains = 350,000 KiB = 0.334 GiB
        Assert.Contains(System.Net.WebUtility.HtmlEncode("35 KiB/chain × 10,000 chains = 0.334 GiB"), GoalRow(html, "scale_memory@10000"));
    }

    [Fact]
    public void A_goal_whose_figure_was_not_measured_at_its_size_says_so()
    {
        // a quick run: slash fan-out and scale at small sizes only, no persistence, no postgres
        var quick = new BenchReport(true, "2025-06-01T12:00:00Z", Machine(),
        [
            Fig("slash_fanout_wall_n3", "c", "slash, 3 consumers, wall", "ms", 5, "slash_fanout_wall", 3),
            Fig("slash_fanout_wall_n10", "c", "slash, 10 consumers, wall", "ms", 9, "slash_fanout_wall", 10),
            Fig("scale_memory_n10", "d", "10 idle chains, heap", "KiB/chain", 50, "scale_memory", 10),
            Fig("scale_memory_n100", "d", "100 idle chains, heap", "KiB/chain", 45, "scale_memory", 100),
        ]);
        var html = BenchHtml.Render(quick);

        Assert.Equal("unjudged", GoalStatus(html, "slash_fanout_wall@1000"));
        Assert.Contains("not measured at this size", GoalRow(html, "slash_fanout_wall@1000"));
        Assert.Contains("not measured at this size", GoalRow(html, "scale_memory@10000"));
        Assert.Contains("not measured in this run", GoalRow(html, "sqlite_committed_txs"));
        // the chart of 3 and 10 consumers draws no line for a goal at 1,000 (it would squash the points to the floor)
        Assert.DoesNotContain("class=\"goal\"", Chart(html, "slash_fanout_wall"));
        Assert.Contains("class=\"goal\"", Chart(BenchHtml.Render(Full()), "slash_fanout_wall"));
        Assert.DoesNotContain("met</td>", html);
        // postgres is optional: no row unless it was measured
        Assert.Null(GoalStatus(html, "postgres_committed_txs"));
        Assert.Null(GoalStatus(BenchHtml.Render(Full()), "postgres_committed_txs"));
    }

    [Fact]
    public void Titles_notes_units_and_ids_are_html_escaped()
    {
        var odd = Fig("odd_<id>", "b", "a <b>bold</b> & \"quoted\" title", "<u>", 3, note: "</td><script>alert(1)</script>");
        var html = BenchHtml.Render(Report(odd));

        Assert.Contains("a &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title", html);
        Assert.Contains("<code>odd_&lt;id&gt;</code>", html);
        Assert.Contains("<td>&lt;u&gt;</td>", html);
        Assert.DoesNotContain("<b>bold", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("SQLite journal &lt;commits&gt; &amp; &quot;fsync&quot;", BenchHtml.Render(Full()));
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var html = BenchHtml.Render(Full());

        Assert.StartsWith("<!doctype html>", html);
        Assert.Contains("<style>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4, Regex.Matches(html, "<svg").Count);
    }

    [Fact]
    public void A_report_read_back_from_its_bench_json_renders_the_same_page()
    {
        var report = Full();
        var read = BenchReport.FromJson(report.ToJson());

        Assert.Equal(BenchHtml.Render(report), BenchHtml.Render(read));
        var quick = report with { Quick = true, Machine = new Dictionary<string, object?>(Machine()) { ["server_gc"] = false, ["git_commit"] = "abc123" } };
        Assert.Equal(BenchHtml.Render(quick), BenchHtml.Render(BenchReport.FromJson(quick.ToJson())));
    }

    [Fact]
    public void An_empty_report_still_renders()
    {
        var html = BenchHtml.Render(new BenchReport(true, "", new Dictionary<string, object?>(), []));
        Assert.Contains("No series was measured at two or more sizes", html);
        Assert.Contains("not measured in this run", html);
        Assert.EndsWith("</html>\n", html);
    }
}
